using Paas.Core.Apps;
using Paas.Core.Auth;
using Paas.Core.Containers;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Git;
using Paas.Core.Routing;
using Paas.Core.Storage;
using Paas.Engine.Builds;
using Paas.Engine.Jobs;
using Paas.Engine.Operations;

namespace Paas.Engine.Apps;

/// <summary>apps:create|list|report|rename|destroy|lock|unlock.</summary>
public sealed class AppOperations(StateOperation op, EngineSettings settings, ILogStore logs, AppBuildData builds, IRepoStore repos,
    Deploys.Scheduler scheduler, AppDiskUsage disk, Routing.PortOperations ports, IAppVolumes volumes)
{
    public Task<App> CreateAsync(Actor actor, string name, CancellationToken ct)
    {
        AppName.Validate(name);
        return op.RunAsync(async s =>
        {
            var app = await s.Apps.CreateAsync(name, ct);
            // Dokku's default: the app's web process listens on 5000 behind port 80.
            await s.Ports.AddAsync(app.Id, PortMapping.Default, ct);
            if (!actor.IsAdmin)
                await s.Users.GrantAsync(actor.UserId, app.Id, ct);
            await StateOperation.AuditAsync(s, actor, "apps:create", name, ct);
            // Made before the commit: should it fail, the app is not created. Should the commit fail, the empty
            // repo left under the unused id is never seen (ids are not reused).
            await repos.CreateAsync(app.Id, ct);
            return app;
        }, ct);
    }

    public Task<IReadOnlyList<App>> ListAsync(Actor actor, CancellationToken ct) =>
        op.ReadAsync<IReadOnlyList<App>>(async s =>
        {
            var apps = await s.Apps.ListAsync(ct);
            if (actor.IsAdmin) return apps;
            var granted = new List<App>();
            foreach (var app in apps)
                if (await s.Users.HasGrantAsync(actor.UserId, app.Id, ct))
                    granted.Add(app);
            return granted;
        }, ct);

    public async Task<AppReport> ReportAsync(Actor actor, string name, CancellationToken ct)
    {
        var (report, id, mounts) = await op.ReadAsync(async s =>
        {
            var app = await StateOperation.RequireAppAsync(s, actor, name, forUpdate: false, ct);
            var limits = await s.Formation.ListLimitsAsync(app.Id, ct);
            var config = await s.Config.GetAllAsync(app.Id, ct);
            return (new AppReport(
                app.Name, app.CreatedAt, app.Locked, app.CurrentRelease,
                await s.Domains.ListAsync(app.Id, ct),
                await s.Ports.ListAsync(app.Id, ct),
                await s.Formation.ListAsync(app.Id, ct),
                limits.Select(l => new LimitsView(l.ProcessType, l.Limits.MemoryBytes, l.Limits.Cpus, l.Limits.Pids)).ToList(),
                config.Keys.ToList()), app.Id, await s.Storage.ListAsync(app.Id, ct));
        }, ct);
        // Measured outside the transaction: walking a repo or a layer is file I/O, not a state read.
        var unbound = ports.Unbound(report.Ports);
        return report with
        {
            DiskUsage = await disk.MeasureAsync(id, ct), UnboundPorts = unbound.Count > 0 ? unbound : null,
            StorageMounts = mounts.Select(m => m.ToString()).ToList(),
        };
    }

    public Task<App> RenameAsync(Actor actor, string name, string newName, CancellationToken ct)
    {
        if (!AppName.IsValid(newName))
            throw new ValidationException("newName", AppName.Problem(newName, "new app name")!);
        return op.RunAsync(async s =>
        {
            var app = await StateOperation.RequireAppAsync(s, actor, name, forUpdate: true, ct);
            if (name == newName)
                throw new ValidationException("newName", $"app '{name}' already has that name");
            await s.Apps.RenameAsync(app.Id, newName, ct);
            // OLD.$PAAS_DOMAIN was the app's by its name; kept as a domain, it would take a future app called OLD's name.
            await s.Domains.RemoveAsync(app.Id, $"{name}.{settings.PlatformDomain}", ct);
            await StateOperation.AuditAsync(s, actor, "apps:rename", newName, ct, ("from", name));
            return app with { Name = newName };
        }, ct);
    }

    /// <summary>
    /// Deletes the app, stops and deletes its containers, and then its log history, repo and volumes (storage:mount). All are
    /// keyed by the app's id, which is never reused: should removing the files fail, they stay unreachable, never shown to a new
    /// app of the same name.
    /// </summary>
    public async Task DestroyAsync(Actor actor, string name, CancellationToken ct)
    {
        var id = await op.RunAsync(async s =>
        {
            var app = await StateOperation.RequireAppAsync(s, actor, name, forUpdate: true, ct);
            await s.Apps.DeleteAsync(app.Id, ct);
            // Its cron schedules and its images go too, once this commits.
            await OutboxJobs.AskAsync(s, OutboxJobs.CronSync, app.Id, ct);
            await OutboxJobs.AskAsync(s, OutboxJobs.ImageRetention, app.Id, ct);
            await StateOperation.AuditAsync(s, actor, "apps:destroy", name, ct);
            return app.Id;
        }, ct);
        await scheduler.RemoveAppContainersAsync(id, ct);
        await logs.DeleteAsync(id, ct);
        await builds.DeleteAsync(id, actor, ct);
        await repos.DeleteAsync(id, ct);
        await volumes.DeleteAppAsync(id, ct);
    }

    /// <summary>A locked app refuses deploys (Dokku's apps:lock).</summary>
    public Task<App> SetLockedAsync(Actor actor, string name, bool locked, CancellationToken ct) =>
        op.RunAsync(async s =>
        {
            var app = await StateOperation.RequireAppAsync(s, actor, name, forUpdate: true, ct);
            await s.Apps.SetLockedAsync(app.Id, locked, ct);
            await StateOperation.AuditAsync(s, actor, locked ? "apps:lock" : "apps:unlock", name, ct);
            return app with { Locked = locked };
        }, ct);
}
