using System.Globalization;
using Paas.Core.Apps;
using Paas.Core.Auth;
using Paas.Core.Builds;
using Paas.Core.Contracts;
using Paas.Core.Deploys;
using Paas.Core.Errors;
using Paas.Core.State;
using Paas.Engine.Operations;

namespace Paas.Engine.Deploys;

/// <summary>
/// ps:report|restart|stop|start|set. A restart is a zero-downtime deploy of what serves (with the
/// latest config when only config changed since); stop and start set the desired state and let
/// the scheduler act on it.
/// </summary>
public sealed class ProcessOperations(StateOperation op, Deployer deployer, Scheduler scheduler)
{
    public const int ReportedDeployments = 5;

    public Task<ProcessReport> ReportAsync(Actor actor, string app, CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            var context = (await DeployContext.ReadAsync(s, found.Id, null, ct))!;
            var deployments = await s.Deployments.ListAsync(found.Id, ReportedDeployments, ct);
            return new ProcessReport(
                found.Name, found.ServingRelease, found.CurrentRelease, found.Stopped, context.RestartPolicy.ToString(),
                (int)context.StopTimeout.TotalSeconds, context.Desired,
                context.Instances.Select(i => new InstanceView(
                    i.Dyno, i.ReleaseVersion, i.State.ToString().ToLowerInvariant(), i.ContainerId, i.Address, i.Restarts,
                    i.LastExitCode, i.OomKilled, i.StartedAt, i.FinishedAt, i.NextRestartAt, i.NotReadySince is null, i.NotReadySince,
                    i.LastCheck, i.LastCheckOk, i.LastCheckAt,
                    (i.CheckResults ?? []).Select(c => new InstanceCheckView(c.Type.ToString().ToLowerInvariant(), c.Name, c.Ok, c.Message,
                        c.Summary, c.At, c.ContainerId == i.ContainerId)).ToList())).ToList(),
                deployments.Select(ToView).ToList());
        }, ct);

    public async Task<DeployResult> RestartAsync(Actor actor, string app, IBuildOutput? output, CancellationToken ct)
    {
        var (found, version) = await op.ReadAsync(async s =>
        {
            var a = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return (a, await RestartReleaseAsync(s, a, ct));
        }, ct);
        var deployment = await deployer.DeployAsync(actor, found, version, DeployReason.Restart, output, ct);
        await AuditAsync(actor, app, "ps:restart", version, ct);
        return new DeployResult(version, deployment.Id);
    }

    public async Task StopAsync(Actor actor, string app, CancellationToken ct)
    {
        var found = await op.RunAsync(async s =>
        {
            var a = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            await s.Apps.SetStoppedAsync(a.Id, true, ct);
            await StateOperation.AuditAsync(s, actor, "ps:stop", app, ct);
            return a;
        }, ct);
        scheduler.Poke(found.Id);
    }

    public async Task StartAsync(Actor actor, string app, CancellationToken ct)
    {
        var found = await op.RunAsync(async s =>
        {
            var a = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            if (a.ServingRelease is null)
                throw new ConflictException($"app '{app}' has never been deployed: push code first (git push)");
            await s.Apps.SetStoppedAsync(a.Id, false, ct);
            await StateOperation.AuditAsync(s, actor, "ps:start", app, ct);
            return a;
        }, ct);
        scheduler.Poke(found.Id);
    }

    public Task<IReadOnlyDictionary<string, string>> SetAsync(Actor actor, string app, string key, string? value, CancellationToken ct)
    {
        var normalized = value is null ? null : ProcessSettings.Normalize(key, value);
        if (value is null && !ProcessSettings.Keys.Contains(key))
            throw new ValidationException("key", $"unknown ps setting '{key}': use {string.Join(", ", ProcessSettings.Keys)}");
        return op.RunAsync<IReadOnlyDictionary<string, string>>(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            if (normalized is null) await s.AppSettings.UnsetAsync(found.Id, ProcessSettings.AppSettingKey(key), ct);
            else await s.AppSettings.SetAsync(found.Id, ProcessSettings.AppSettingKey(key), normalized, ct);
            await StateOperation.AuditAsync(s, actor, "ps:set", app, ct, ("key", key), ("value", normalized ?? ""));
            return (await s.AppSettings.ListAsync(found.Id, ct))
                .Where(p => p.Key.StartsWith("ps.", StringComparison.Ordinal))
                .ToDictionary(p => p.Key["ps.".Length..], p => p.Value);
        }, ct);
    }

    /// <summary>
    /// What a restart deploys: the latest release when it runs the serving image (a config change
    /// made with --no-restart), else the serving one, never a release whose deploy failed.
    /// </summary>
    private static async Task<int> RestartReleaseAsync(IStateSession s, App app, CancellationToken ct)
    {
        if (app.ServingRelease is not { } serving)
            throw new ConflictException($"app '{app.Name}' has never been deployed: push code first (git push)");
        var latest = await s.Releases.FindLatestAsync(app.Id, ct);
        var current = await s.Releases.FindAsync(app.Id, serving, ct);
        return latest is not null && current is not null && latest.Version > serving && latest.ImageDigest == current.ImageDigest
            ? latest.Version
            : serving;
    }

    private Task AuditAsync(Actor actor, string app, string action, int version, CancellationToken ct) =>
        op.RunAsync(async s =>
        {
            await StateOperation.AuditAsync(s, actor, action, app, ct, ("release", version.ToString(CultureInfo.InvariantCulture)));
            return 0;
        }, ct);

    public static DeploymentView ToView(Deployment d) => new(
        d.Id, d.ReleaseVersion, d.Reason, d.Status.ToString().ToLowerInvariant(), d.Phase,
        d.Phases.Select(p => new DeploymentPhaseView(p.Name, p.Seconds)).ToList(), d.CreatedBy, d.Error, d.CreatedAt, d.FinishedAt);
}
