using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Paas.Core.Containers;
using Paas.Core.Deploys;
using Paas.Core.Formation;
using Paas.Core.State;
using Paas.Engine.Operations;

namespace Paas.Engine.Deploys;

/// <summary>
/// Reconciles what runs with what should, per app: restarts exited instances under the restart
/// policy (with backoff), starts and retires instances when the formation changes, retires what a
/// deploy replaced once its wait is over, and removes containers no row names. It wakes on state
/// notifications (formation, ps:stop/start), on container exits (one stream from the runtime), on
/// the next restart or retirement due, and on <see cref="Poke"/>; at start it passes over every app,
/// which is how a paasd restart or a host reboot is repaired without touching healthy containers.
/// An app being deployed is left to its deploy (the per-app lock), which pokes when it is done.
/// </summary>
public sealed partial class Scheduler(
    StateOperation op,
    IAppLocks locks,
    IContainerRuntime runtime,
    InstanceLauncher launcher,
    InstanceChecks checks,
    TimeProvider time,
    ILogger<Scheduler> logger)
{
    /// <summary>A full pass this often, in case a notification and an exit event were both lost.</summary>
    public static readonly TimeSpan SafetyPass = TimeSpan.FromSeconds(60);

    /// <summary>Instances scaled away stop taking requests at once and get this long to finish what they have.</summary>
    public static readonly TimeSpan ScaleDownDrain = TimeSpan.FromSeconds(2);

    private const long AllApps = 0;
    private readonly Channel<long> _wake = Channel.CreateUnbounded<long>();
    private readonly ConcurrentDictionary<long, Task> _reconciling = new();
    private readonly ConcurrentDictionary<long, bool> _again = new();
    private readonly ConcurrentDictionary<long, Task> _retiring = new();

    public void Poke(long appId) => _wake.Writer.TryWrite(appId);

    /// <summary>apps:destroy: every container of the app goes now (SIGTERM, 10 s, SIGKILL), its instances and one-offs alike.</summary>
    public async Task RemoveAppContainersAsync(long appId, CancellationToken ct)
    {
        // Held so that a pass the destroy's notification wakes does not remove the same containers at once.
        await using var held = await locks.AcquireAsync(appId, ct);
        var id = appId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var containers = await runtime.ListAsync(labels => labels.GetValueOrDefault(ContainerLabels.AppId) == id, ct);
        await Task.WhenAll(containers.Select(c => launcher.StopAndDeleteAsync(c.Id, TimeSpan.FromSeconds(10), ct)));
    }

    public async Task RunAsync(IStateChanges changes, CancellationToken ct)
    {
        var feeders = new List<Task> { FeedChangesAsync(changes, ct), FeedExitsAsync(ct), FeedSafetyPassAsync(ct) };
        try
        {
            await foreach (var appId in _wake.Reader.ReadAllAsync(ct))
            {
                if (appId == AllApps)
                {
                    foreach (var app in await ListAppIdsAsync(ct)) Schedule(app, ct);
                }
                else
                {
                    Schedule(appId, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        await Task.WhenAll(feeders.Concat(_reconciling.Values).Concat(_retiring.Values).Select(IgnoreCancellation));
    }

    /// <summary>One reconcile per app at a time; a wake during one runs another right after it.</summary>
    private void Schedule(long appId, CancellationToken ct)
    {
        if (_reconciling.ContainsKey(appId))
        {
            _again[appId] = true;
            return;
        }
        _reconciling[appId] = Task.Run(async () =>
        {
            try
            {
                do
                {
                    _again.TryRemove(appId, out _);
                    try
                    {
                        await ReconcileAsync(appId, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        LogReconcileFailed(logger, e, appId);
                    }
                } while (_again.ContainsKey(appId) && !ct.IsCancellationRequested);
            }
            finally
            {
                _reconciling.TryRemove(appId, out _);
            }
        }, CancellationToken.None);
    }

    private async Task ReconcileAsync(long appId, CancellationToken ct)
    {
        await using var held = await locks.TryAcquireAsync(appId, ct);
        if (held is null) return;
        var context = await op.ReadAsync(s => DeployContext.ReadAsync(s, appId, null, ct), ct);
        var id = appId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var containers = (await runtime.ListAsync(
                labels => labels.GetValueOrDefault(ContainerLabels.AppId) == id && labels.ContainsKey(InstanceSpecs.InstanceLabel), ct))
            .ToDictionary(c => c.Id);
        if (context is null)
        {
            // The app was destroyed: whatever ran for it goes.
            foreach (var orphan in containers.Values) await launcher.StopAndDeleteAsync(orphan.Id, TimeSpan.FromSeconds(10), ct);
            return;
        }
        var pass = new ReconcilePass(context, containers, time.GetUtcNow());
        foreach (var instance in context.Instances) await ReconcileInstanceAsync(pass, instance, ct);
        await ScaleAsync(pass, ct);
        foreach (var orphan in containers.Values.Where(c => !context.Instances.Any(i => i.ContainerId == c.Id)))
            await launcher.StopAndDeleteAsync(orphan.Id, context.StopTimeout, ct);
        if (pass.NextWake is { } wake) WakeAt(appId, wake, ct);
    }

    private async Task ReconcileInstanceAsync(ReconcilePass pass, Instance instance, CancellationToken ct)
    {
        var context = pass.Context;
        switch (instance.State)
        {
            case InstanceState.Retiring:
                if (instance.RetireAt is { } at && at > pass.Now) pass.WakeNoLaterThan(at);
                else Retire(context, instance, ct);
                return;
            case InstanceState.Starting or InstanceState.Checking when instance.ReleaseVersion != context.App.ServingRelease:
                // Left by a deploy that did not finish (paasd died in it): its release does not serve.
                await RetireNowAsync([instance.Id], ct);
                Retire(context, instance, ct);
                return;
            case InstanceState.Running or InstanceState.Starting or InstanceState.Checking:
                var container = instance.ContainerId is { } id ? pass.Containers.GetValueOrDefault(id) : null;
                if (container?.Status == ContainerStatus.Running) return;
                await RecordExitAsync(pass, instance, container, ct);
                return;
            case InstanceState.Exited:
                if (instance.NextRestartAt is not { } due || context.App.Stopped) return;
                if (due > pass.Now)
                {
                    pass.WakeNoLaterThan(due);
                    return;
                }
                await RestartAsync(pass, instance, ct);
                return;
        }
    }

    private async Task RecordExitAsync(ReconcilePass pass, Instance instance, ContainerInfo? container, CancellationToken ct)
    {
        var context = pass.Context;
        var ranLongEnough = instance.StartedAt is { } started && (container?.FinishedAt ?? pass.Now) - started >= RestartPolicy.StableRun;
        var failures = ranLongEnough ? 1 : instance.ConsecutiveFailures + 1;
        var exitCode = container?.ExitCode;
        var restarts = context.RestartPolicy.Restarts(exitCode, failures) && !context.App.Stopped;
        var crashed = !restarts && exitCode is not 0;
        var next = restarts ? pass.Now + RestartPolicy.Backoff(failures) : (DateTimeOffset?)null;
        await op.RunAsync(async s =>
        {
            await s.Instances.MarkExitedAsync(instance.Id, exitCode, container?.OomKilled ?? false, container?.FinishedAt ?? pass.Now,
                crashed ? InstanceState.Crashed : InstanceState.Exited, failures, next, ct);
            return 0;
        }, ct);
        LogExited(logger, context.App.Name, instance.Dyno, exitCode, next);
        if (next is { } due) pass.WakeNoLaterThan(due);
    }

    private async Task RestartAsync(ReconcilePass pass, Instance instance, CancellationToken ct)
    {
        var context = pass.Context;
        if (context.Release is null) return;
        if (instance.ContainerId is { } old)
        {
            await launcher.StopAndDeleteAsync(old, TimeSpan.Zero, ct);
            pass.Containers.Remove(old);
        }
        await op.RunAsync(async s => { await s.Instances.MarkRestartingAsync(instance.Id, ct); return 0; }, ct);
        await LaunchAsync(pass, instance with { Restarts = instance.Restarts + 1 }, ct);
    }

    /// <summary>Starts the instance's container, waits until it may take traffic, then marks it running; a failure counts as an exit.</summary>
    private async Task LaunchAsync(ReconcilePass pass, Instance instance, CancellationToken ct)
    {
        var context = pass.Context;
        ContainerInfo? container = null;
        try
        {
            container = await launcher.StartAsync(context.App, context.Release!, instance, context.Port,
                EffectiveLimits.For(context.Limits, instance.ProcessType), context.Storage, InstanceState.Starting, ct);
            // Checked as a deploy checks it before it is routed (or counted as up).
            await checks.CheckAsync(context, instance, container, NoOutput.Instance, ct);
            await op.RunAsync(async s => { await s.Instances.SetStateAsync(instance.Id, InstanceState.Running, ct); return 0; }, ct);
        }
        catch (Exception e) when (e is DeployFailedException or ContainerException)
        {
            LogStartFailed(logger, e, context.App.Name, instance.Dyno);
            var exited = container is null ? null : await runtime.FindAsync(container.Id, ct);
            var fresh = await op.ReadAsync(s => s.Instances.FindAsync(instance.Id, ct), ct);
            if (fresh is not null) await RecordExitAsync(pass, fresh, exited, ct);
        }
    }

    /// <summary>The serving release's instances toward the formation: only the difference starts or retires.</summary>
    private async Task ScaleAsync(ReconcilePass pass, CancellationToken ct)
    {
        var context = pass.Context;
        var active = context.Instances.Where(i => i.State != InstanceState.Retiring).ToList();
        if (context.Release is null || context.App.Stopped)
        {
            await RetireNowAsync(active.Select(i => i.Id).ToList(), ct);
            return;
        }
        var desired = context.Desired;
        var extra = active.Where(i => i.ReleaseVersion != context.Release.Version || i.Number > desired.GetValueOrDefault(i.ProcessType))
            .Select(i => i.Id).ToList();
        if (extra.Count > 0)
        {
            await op.RunAsync(async s => { await s.Instances.RetireAsync(extra, pass.Now + ScaleDownDrain, ct); return 0; }, ct);
            pass.WakeNoLaterThan(pass.Now + ScaleDownDrain);
        }
        var missing = new List<Instance>();
        foreach (var (type, count) in desired)
            for (var n = 1; n <= count; n++)
                if (!active.Any(i => i.ReleaseVersion == context.Release.Version && i.ProcessType == type && i.Number == n))
                    missing.Add(await op.RunAsync(s => s.Instances.AddAsync(context.App.Id, context.Release.Version, type, n, null, ct), ct));
        await Task.WhenAll(missing.Select(i => LaunchAsync(pass, i, ct)));
    }

    private Task RetireNowAsync(IReadOnlyCollection<long> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.CompletedTask : op.RunAsync(async s => { await s.Instances.RetireAsync(ids, time.GetUtcNow(), ct); return 0; }, ct);

    /// <summary>SIGTERM, stop-timeout, SIGKILL, delete, then the row: in the background, since stop-timeout may be long.</summary>
    private void Retire(DeployContext context, Instance instance, CancellationToken ct) =>
        _retiring.GetOrAdd(instance.Id, id => Task.Run(async () =>
        {
            try
            {
                if (instance.ContainerId is { } container) await launcher.StopAndDeleteAsync(container, context.StopTimeout, ct);
                await op.RunAsync(async s =>
                {
                    await s.Instances.DeleteAsync(id, ct);
                    // An instance of a release replaced by a deploy held its image until now: the retention may delete it.
                    if (instance.ReleaseVersion != context.App.ServingRelease)
                        await Jobs.OutboxJobs.AskAsync(s, Jobs.OutboxJobs.ImageRetention, context.App.Id, ct);
                    return 0;
                }, ct);
                LogRetired(logger, context.App.Name, instance.Dyno, instance.ReleaseVersion);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogRetireFailed(logger, e, context.App.Name, instance.Dyno);
            }
            finally
            {
                _retiring.TryRemove(id, out _);
            }
        }, CancellationToken.None));

    private void WakeAt(long appId, DateTimeOffset at, CancellationToken ct)
    {
        var wait = at - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            Poke(appId);
            return;
        }
        _ = Task.Delay(wait + TimeSpan.FromMilliseconds(10), time, ct).ContinueWith(_ => Poke(appId), TaskScheduler.Default);
    }

    private async Task FeedChangesAsync(IStateChanges changes, CancellationToken ct)
    {
        await foreach (var change in changes.ListenAsync(ct))
        {
            if (change.IsResync) Poke(AllApps);
            // Its own writes to containers come back as notifications too: those need no pass.
            else if (change.Table is "formation" or "apps" or "app_settings") Poke(change.AppId);
        }
    }

    private async Task FeedExitsAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var exit in runtime.WatchExitsAsync(ct))
                    if (exit.Spec.Labels.ContainsKey(InstanceSpecs.InstanceLabel) &&
                        long.TryParse(exit.Spec.Labels.GetValueOrDefault(ContainerLabels.AppId), out var appId))
                        Poke(appId);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Exits seen meanwhile are caught by a full pass; the watch starts again.
                LogExitWatchFailed(logger, e);
                Poke(AllApps);
                await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
            }
        }
    }

    private async Task FeedSafetyPassAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(SafetyPass, time, ct);
            Poke(AllApps);
        }
    }

    private async Task<IReadOnlyList<long>> ListAppIdsAsync(CancellationToken ct)
    {
        try
        {
            return await op.ReadAsync(async s => (await s.Apps.ListAsync(ct)).Select(a => a.Id).ToList(), ct);
        }
        catch (Core.Errors.StateUnavailableException)
        {
            // PostgreSQL is down: containers go on; the next resync (when it is back) passes over everything.
            return [];
        }
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try { await task; }
        catch (OperationCanceledException) { }
    }

    /// <summary>One pass over one app: what it read, and the earliest moment it must look again.</summary>
    private sealed class ReconcilePass(DeployContext context, Dictionary<string, ContainerInfo> containers, DateTimeOffset now)
    {
        public DeployContext Context { get; } = context;
        public Dictionary<string, ContainerInfo> Containers { get; } = containers;
        public DateTimeOffset Now { get; } = now;
        public DateTimeOffset? NextWake { get; private set; }

        public void WakeNoLaterThan(DateTimeOffset at)
        {
            if (NextWake is null || at < NextWake) NextWake = at;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "watching container exits failed; starting the watch again")]
    private static partial void LogExitWatchFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "reconciling app {AppId} failed; the next change or the safety pass tries again")]
    private static partial void LogReconcileFailed(ILogger logger, Exception e, long appId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{App} {Dyno} exited with {ExitCode}; restart at {NextRestart}")]
    private static partial void LogExited(ILogger logger, string app, string dyno, int? exitCode, DateTimeOffset? nextRestart);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} {Dyno} did not start")]
    private static partial void LogStartFailed(ILogger logger, Exception e, string app, string dyno);

    [LoggerMessage(Level = LogLevel.Information, Message = "{App} {Dyno} of v{Release} retired")]
    private static partial void LogRetired(ILogger logger, string app, string dyno, int release);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not retire {App} {Dyno}; the next pass tries again")]
    private static partial void LogRetireFailed(ILogger logger, Exception e, string app, string dyno);
}
