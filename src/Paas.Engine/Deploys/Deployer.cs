using System.Globalization;
using Microsoft.Extensions.Logging;
using Paas.Core.Apps;
using Paas.Core.Auth;
using Paas.Core.Builds;
using Paas.Core.Containers;
using Paas.Core.Deploys;
using Paas.Core.Formation;
using Paas.Core.State;
using Paas.Engine.Jobs;
using Paas.Engine.Operations;
using Paas.Engine.Routing;

namespace Paas.Engine.Deploys;

/// <summary>
/// Zero-downtime deploy of one release (DESIGN §2): the <c>release</c> command, new instances
/// started and checked, routes switched (and the switch confirmed by the router), old instances
/// retired by the scheduler after wait-to-retire, postdeploy. One deploy per app at a time (an
/// advisory lock); each phase moves the deployment row forward in a short transaction. A failure
/// before the switch removes the new instances and leaves the serving release serving.
/// </summary>
public sealed partial class Deployer(
    StateOperation op,
    IAppLocks locks,
    InstanceLauncher launcher,
    InstanceChecks checks,
    OneOffRunner oneOff,
    RoutingTableWriter routing,
    Scheduler scheduler,
    EngineSettings settings,
    TimeProvider time,
    ILogger<Deployer> logger)
{
    /// <summary>How long a deploy waits for the router to confirm it serves the new routes.</summary>
    public static readonly TimeSpan RouterConfirmTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan FailedStopGrace = TimeSpan.FromSeconds(5);
    // How long the app lock may be busy before a deploy says it waits (see AcquireAsync).
    private static readonly TimeSpan BriefHold = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BriefHoldPoll = TimeSpan.FromMilliseconds(25);

    public async Task<Deployment> DeployAsync(Actor actor, App app, int version, string reason, IBuildOutput? caller, CancellationToken ct)
    {
        await using var held = await AcquireAsync(app, caller, ct);
        var context = await op.ReadAsync(s => DeployContext.ReadAsync(s, app.Id, version, ct), ct)
            ?? throw new DeployFailedException($"the app {app.Name} was destroyed before its deploy started");
        var release = context.Release ?? throw new DeployFailedException($"release v{version} of {app.Name} does not exist");
        if (release.ImageDigest is null)
            throw new DeployFailedException($"release v{version} of {app.Name} has no image: push code first (git push)");

        var deployment = await op.RunAsync(s => s.Deployments.CreateAsync(app.Id, version, context.App.ServingRelease, reason, actor.Name, ct), ct);
        var log = new DeployLog(op, deployment.Id, caller);
        if (context.App.Stopped && reason is DeployReason.Config or DeployReason.Rollback)
            return await RecordWhileStoppedAsync(context, version, deployment, log, ct);
        var started = new List<(Instance Instance, ContainerInfo Container)>();
        var switched = false;
        try
        {
            await log.WriteLineAsync(BuildOutput.Step($"Deploying {app.Name} v{version.ToString(CultureInfo.InvariantCulture)}"), ct);
            if (release.ProcessTypes.ContainsKey(DesiredFormation.ReleaseType))
            {
                await log.EnterAsync("release", ct);
                await log.WriteLineAsync(BuildOutput.Step($"Running the release command: {release.ProcessTypes[DesiredFormation.ReleaseType]}"), ct);
                await oneOff.RunAsync(context.App, release, "the release command", [AppImage.Start, DesiredFormation.ReleaseType],
                    DesiredFormation.ReleaseType, context.Port, context.Limits, context.Storage, log, ct);
            }

            var desired = context.Desired;
            await log.EnterAsync("start", ct);
            await log.WriteLineAsync(BuildOutput.Section($"Processes: {DesiredFormation.Describe(desired)}"), ct);
            foreach (var warning in context.AppJson.Warnings) await log.WriteLineAsync(BuildOutput.Detail("app.json: " + warning), ct);
            await StopOldFirstAsync(context, desired, log, ct);
            await StartAllAsync(context, release, desired, deployment.Id, started, log, ct);

            await log.EnterAsync("checks", ct);
            foreach (var type in desired.Where(d => d.Value > 0).Select(d => d.Key))
                foreach (var notRun in context.CheckPlanFor(type).NotRun)
                    await log.WriteLineAsync(BuildOutput.Detail($"{type}: {notRun.Type.ToString().ToLowerInvariant()} check '{notRun.DisplayName}' runs once the new containers serve (only startup checks gate a deploy)"), ct);
            await Task.WhenAll(started.Select(s => checks.CheckAsync(context, s.Instance, s.Container, log, ct)));

            await log.EnterAsync("switch", ct);
            var retiring = await SwitchAsync(context, version, started.Select(s => s.Instance.Id).ToList(), ct);
            started.Clear();
            switched = true;
            var revision = await routing.WriteAsync(ct);
            if (!await routing.WaitAppliedAsync(revision, RouterConfirmTimeout, ct))
                await log.WriteLineAsync(BuildOutput.Detail(
                    $"paas-router has not confirmed the new routes within {RouterConfirmTimeout.TotalSeconds:0} s: is it running?"), ct);
            scheduler.Poke(app.Id);
            await log.WriteLineAsync(BuildOutput.Step(retiring == 0
                ? $"Routes switched to v{version.ToString(CultureInfo.InvariantCulture)}"
                : $"Routes switched to v{version.ToString(CultureInfo.InvariantCulture)}; {retiring} old instances retire in {context.WaitToRetire.TotalSeconds:0} s"), ct);

            if (!string.IsNullOrWhiteSpace(context.AppJson.Postdeploy))
            {
                await log.EnterAsync("postdeploy", ct);
                await log.WriteLineAsync(BuildOutput.Step($"Running postdeploy: {context.AppJson.Postdeploy}"), ct);
                await oneOff.RunAsync(context.App, release, $"postdeploy (v{version} serves already)",
                    [AppImage.Exec, "/bin/sh", "-c", context.AppJson.Postdeploy], "postdeploy", context.Port, context.Limits, context.Storage, log, ct);
            }

            await RunFirstDeployPostdeployAsync(context, release, version, log, ct);

            if (desired.GetValueOrDefault(ProcessType.Web) > 0)
                await log.WriteLineAsync(BuildOutput.Section($"Application deployed: http://{app.Name}.{settings.PlatformDomain}"), ct);
            else
                await log.WriteLineAsync(BuildOutput.Section("Application deployed"), ct);
            await log.FinishAsync(DeploymentStatus.Succeeded, null);
        }
        catch (Exception e)
        {
            var message = e switch
            {
                DeployFailedException => e.Message,
                OperationCanceledException => "the deploy was cancelled",
                Core.Errors.PaasException => e.Message,
                _ => "the deploy failed on the server's side; paasd's log has the details",
            };
            if (e is not (DeployFailedException or OperationCanceledException)) LogDeployError(logger, e, app.Name, version);
            await RemoveAsync(started);
            await log.WriteLineAsync(BuildOutput.Error(e is DeployFailedException { ShownInOutput: true }
                ? $"Deploy of v{version.ToString(CultureInfo.InvariantCulture)} failed (above)"
                : message), CancellationToken.None);
            if (switched)
                await log.WriteLineAsync(BuildOutput.Error($"v{version.ToString(CultureInfo.InvariantCulture)} serves already (its routes were switched before this failed)"), CancellationToken.None);
            else if (context.App.ServingRelease is { } serving)
                await log.WriteLineAsync(BuildOutput.Error($"v{serving.ToString(CultureInfo.InvariantCulture)} keeps serving"), CancellationToken.None);
            await log.FinishAsync(DeploymentStatus.Failed, message);
            scheduler.Poke(app.Id);
            if (e is DeployFailedException) throw;
            if (e is OperationCanceledException) throw;
            throw new DeployFailedException(message);
        }
        return await op.ReadAsync(async s => (await s.Deployments.ListAsync(app.Id, 1, ct))[0], CancellationToken.None);
    }

    /// <summary>
    /// A config change or rollback of an app stopped with ps:stop starts nothing: the release becomes
    /// the one that serves once ps:start (or a push) starts the app again.
    /// </summary>
    private async Task<Deployment> RecordWhileStoppedAsync(DeployContext context, int version, Deployment deployment, DeployLog log, CancellationToken ct)
    {
        await op.RunAsync(async s =>
        {
            await s.Apps.SetServingReleaseAsync(context.App.Id, version, ct);
            return 0;
        }, ct);
        await log.WriteLineAsync(BuildOutput.Step($"{context.App.Name} is stopped: v{version.ToString(CultureInfo.InvariantCulture)} serves when `paas ps:start {context.App.Name}` starts it"), ct);
        await log.FinishAsync(DeploymentStatus.Succeeded, null);
        return await op.ReadAsync(async s => (await s.Deployments.ListAsync(context.App.Id, 1, ct))[0], CancellationToken.None);
    }

    /// <summary>checks:disable TYPE: that type's old instances stop before the new ones start (downtime, by request).</summary>
    private async Task StopOldFirstAsync(DeployContext context, IReadOnlyDictionary<string, int> desired, IBuildOutput log, CancellationToken ct)
    {
        var types = desired.Keys.Where(t => context.CheckPlanFor(t).StopOldFirst).ToHashSet();
        var old = context.Instances.Where(i => types.Contains(i.ProcessType) && i.State != InstanceState.Retiring).ToList();
        if (old.Count == 0) return;
        await log.WriteLineAsync(BuildOutput.Step($"Stopping {string.Join(", ", old.Select(i => i.Dyno))} first (checks are disabled for {string.Join(", ", types.Order())})"), ct);
        await op.RunAsync(async s => { await s.Instances.RetireAsync(old.Select(i => i.Id).ToList(), time.GetUtcNow(), ct); return 0; }, ct);
        await routing.WriteAsync(ct);
        foreach (var instance in old)
        {
            if (instance.ContainerId is { } id) await launcher.StopAndDeleteAsync(id, context.StopTimeout, ct);
            await op.RunAsync(async s => { await s.Instances.DeleteAsync(instance.Id, ct); return 0; }, ct);
        }
    }

    private async Task<IAsyncDisposable> AcquireAsync(App app, IBuildOutput? caller, CancellationToken ct)
    {
        if (await locks.TryAcquireAsync(app.Id, ct) is { } free) return free;
        // The scheduler holds the lock for a moment whenever the app changes (a new release is a
        // change): a first push would be told to wait for "another deploy" that does not exist.
        // Only a wait longer than that is worth a line.
        var quiet = System.Diagnostics.Stopwatch.StartNew();
        while (quiet.Elapsed < BriefHold)
        {
            await Task.Delay(BriefHoldPoll, ct);
            if (await locks.TryAcquireAsync(app.Id, ct) is { } soon) return soon;
        }
        if (caller is not null)
            await caller.WriteLineAsync(BuildOutput.Section(
                $"Waiting for another deploy, restart or scale of {app.Name} to finish (one at a time per app)"), ct);
        return await locks.AcquireAsync(app.Id, ct);
    }

    private async Task StartAllAsync(DeployContext context, Core.Releases.Release release, IReadOnlyDictionary<string, int> desired, long deploymentId,
        List<(Instance, ContainerInfo)> started, IBuildOutput log, CancellationToken ct)
    {
        var rows = await op.RunAsync(async s =>
        {
            var added = new List<Instance>();
            foreach (var (type, count) in desired)
                for (var n = 1; n <= count; n++)
                    added.Add(await s.Instances.AddAsync(context.App.Id, release.Version, type, n, deploymentId, ct));
            return added;
        }, ct);
        var launches = rows.Select(async row =>
        {
            try
            {
                var container = await launcher.StartAsync(context.App, release, row, context.Port,
                    EffectiveLimits.For(context.Limits, row.ProcessType), context.Storage, InstanceState.Checking, ct);
                lock (started) started.Add((row, container));
                await log.WriteLineAsync(BuildOutput.Detail($"{row.Dyno}: started ({container.Id[..12]}, {container.IpAddress ?? "no address"})"), ct);
            }
            catch
            {
                await op.RunAsync(async s => { await s.Instances.DeleteAsync(row.Id, CancellationToken.None); return 0; }, CancellationToken.None);
                throw;
            }
        }).ToList();
        try
        {
            await Task.WhenAll(launches);
        }
        catch (Core.Containers.ContainerRuntimeException e)
        {
            throw new DeployFailedException($"a container of v{release.Version} could not start: {e.Message}");
        }
    }

    /// <summary>
    /// In one transaction: new instances running, every other instance retiring, the release serving,
    /// and the jobs that follow a switch asked for (cron entries, image retention). Returns how many retire.
    /// </summary>
    private Task<int> SwitchAsync(DeployContext context, int version, IReadOnlyList<long> fresh, CancellationToken ct) =>
        op.RunAsync(async s =>
        {
            var app = await s.Apps.FindForUpdateAsync(context.App.Name, ct);
            if (app is null || app.Id != context.App.Id)
                throw new DeployFailedException($"the app {context.App.Name} was destroyed or renamed during its deploy");
            foreach (var id in fresh) await s.Instances.SetStateAsync(id, InstanceState.Running, ct);
            var old = (await s.Instances.ListAsync(app.Id, ct))
                .Where(i => !fresh.Contains(i.Id) && i.State != InstanceState.Retiring).Select(i => i.Id).ToList();
            await s.Instances.RetireAsync(old, time.GetUtcNow() + context.WaitToRetire, ct);
            await s.Apps.SetServingReleaseAsync(app.Id, version, ct);
            if (app.Stopped) await s.Apps.SetStoppedAsync(app.Id, false, ct);
            // After this commits: the new serving release's cron entries replace the old ones, and images beyond the retention go.
            await OutboxJobs.AskAsync(s, OutboxJobs.CronSync, app.Id, ct);
            await OutboxJobs.AskAsync(s, OutboxJobs.ImageRetention, app.Id, ct);
            return old.Count;
        }, ct);

    private async Task RemoveAsync(List<(Instance Instance, ContainerInfo Container)> started)
    {
        foreach (var (instance, container) in started)
        {
            try
            {
                await launcher.StopAndDeleteAsync(container.Id, FailedStopGrace, CancellationToken.None);
                await op.RunAsync(async s => { await s.Instances.DeleteAsync(instance.Id, CancellationToken.None); return 0; }, CancellationToken.None);
            }
            catch (Exception e)
            {
                // The scheduler removes what is left: a row of a release that does not serve, or a container no row names.
                LogCleanupFailed(logger, e, instance.Dyno);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "the deploy of v{Version} of {App} failed on the server's side")]
    private static partial void LogDeployError(ILogger logger, Exception e, string app, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not remove {Dyno} of a failed deploy")]
    private static partial void LogCleanupFailed(ILogger logger, Exception e, string dyno);
}
