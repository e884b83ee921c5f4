using Paas.Core.Containers;

namespace Paas.Engine.Checks;

/// <summary>
/// Watches the checked container for its end while its checks run, so a container that dies fails
/// its checks at once instead of after every attempt has waited and timed out. <see cref="Died"/>
/// is cancelled when it stops or disappears; <see cref="Reason"/> then says how it ended.
/// </summary>
internal sealed class ContainerWatch : IAsyncDisposable
{
    /// <summary>How long one wait lasts before it is renewed (checks rarely take this long).</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(1);

    private readonly CancellationTokenSource _died = new();
    private readonly CancellationTokenSource _stop;
    private readonly Task _watching;

    private ContainerWatch(IContainerRuntime runtime, string containerId, CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _watching = WatchAsync(runtime, containerId, _stop.Token);
    }

    public CancellationToken Died => _died.Token;

    public string? Reason { get; private set; }

    public static ContainerWatch Start(IContainerRuntime runtime, string containerId, CancellationToken ct) => new(runtime, containerId, ct);

    /// <summary>How a container that is not running ended, in words.</summary>
    public static string Describe(ContainerInfo? info) => info switch
    {
        null => "the container is gone",
        { Status: ContainerStatus.Stopped, OomKilled: true } => $"the container ran out of memory (exit code {info.ExitCode?.ToString() ?? "unknown"})",
        { Status: ContainerStatus.Stopped } => $"the container exited (exit code {info.ExitCode?.ToString() ?? "unknown"})",
        _ => $"the container is not running ({info.Status.ToString().ToLowerInvariant()})",
    };

    private async Task WatchAsync(IContainerRuntime runtime, string containerId, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var info = await runtime.WaitForExitAsync(containerId, Horizon, ct);
                if (info.Status != ContainerStatus.Running)
                {
                    MarkDied(Describe(info));
                    return;
                }
            }
        }
        catch (ContainerNotFoundException)
        {
            MarkDied(Describe(null));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The checks are done.
        }
        catch (Exception e) when (e is ContainerException or IOException or UnauthorizedAccessException)
        {
            // The runtime could not say: the checks go on without the early warning, and each
            // attempt still finds out for itself.
        }
    }

    private void MarkDied(string reason)
    {
        Reason = reason;
        _died.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
        _died.Dispose();
    }
}
