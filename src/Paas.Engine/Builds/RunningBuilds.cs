using System.Collections.Concurrent;

namespace Paas.Engine.Builds;

/// <summary>
/// The builds of this paasd that have not finished: what `builds:cancel` cancels and what
/// `builds:output -f` waits on for new lines.
/// </summary>
public sealed class RunningBuilds
{
    private readonly ConcurrentDictionary<long, RunningBuild> _builds = new();

    public RunningBuild Add(long appId, long buildId, CancellationToken pusher)
    {
        var build = new RunningBuild(appId, buildId, pusher);
        if (!_builds.TryAdd(buildId, build))
            throw new InvalidOperationException($"build {buildId} is already running");
        return build;
    }

    public void Remove(RunningBuild build)
    {
        _builds.TryRemove(build.BuildId, out _);
        build.Finish();
    }

    public RunningBuild? Find(long buildId) => _builds.GetValueOrDefault(buildId);

    /// <summary>The app's builds not finished, oldest first (one runs, the others wait for it).</summary>
    public IReadOnlyList<RunningBuild> OfApp(long appId) =>
        _builds.Values.Where(b => b.AppId == appId).OrderBy(b => b.BuildId).ToList();
}
