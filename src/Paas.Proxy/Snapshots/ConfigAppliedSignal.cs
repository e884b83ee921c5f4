using System.Collections.Concurrent;
using Yarp.ReverseProxy.Configuration;

namespace Paas.Proxy.Snapshots;

/// <summary>
/// Tells the applier when YARP has really swapped to a configuration it passed: YARP applies an
/// update in the background and reports to its change listeners, by the revision id we gave it.
/// </summary>
internal sealed class ConfigAppliedSignal : IConfigChangeListener
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Exception?>> _waiting = new();

    /// <summary>Completes with null once <paramref name="revisionId"/> is live, or with why YARP refused it.</summary>
    public Task<Exception?> WaitFor(string revisionId) =>
        _waiting.GetOrAdd(revisionId, _ => new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(string revisionId) => _waiting.TryRemove(revisionId, out _);

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs) => Complete(proxyConfigs, null);

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception) => Complete(proxyConfigs, exception);

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception)
    {
    }

    private void Complete(IReadOnlyList<IProxyConfig> configs, Exception? outcome)
    {
        foreach (var config in configs)
            if (_waiting.TryRemove(config.RevisionId, out var waiter)) waiter.TrySetResult(outcome);
    }
}
