using System.Diagnostics;
using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Routing;
using Paas.Engine;
using Paas.Engine.Apps;
using Paas.Engine.Operations;

namespace Paas.Dashboard.Admin;

/// <summary>What the health page shows: PostgreSQL answering, the router running the latest routing table, and each app's disk.</summary>
public sealed record PlatformHealthReport(
    ComponentHealth Database,
    ComponentHealth Router,
    IReadOnlyList<(string App, DiskUsageView? Disk)> Disk);

public sealed record ComponentHealth(bool Ok, string Summary);

/// <summary>
/// Reads the platform's health with the Engine's own checks: <see cref="StateHealth"/> (as /health does), the
/// routing snapshot paasd wrote against the revision paas-router reports applied, and apps:report's disk usage.
/// </summary>
public sealed class PlatformHealth(StateHealth state, EngineSettings settings, AppOperations apps)
{
    public async Task<PlatformHealthReport> ReadAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdmin)
            throw new ForbiddenException("only administrators can read the platform's health");
        var database = await CheckDatabaseAsync(ct);
        var router = await CheckRouterAsync(ct);
        var disk = new List<(string, DiskUsageView?)>();
        if (database.Ok)
            foreach (var app in await apps.ListAsync(actor, ct))
                disk.Add((app.Name, (await apps.ReportAsync(actor, app.Name, ct)).DiskUsage));
        return new PlatformHealthReport(database, router, disk);
    }

    private async Task<ComponentHealth> CheckDatabaseAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await state.CheckAsync(ct);
            return new ComponentHealth(true, $"PostgreSQL answers ({clock.ElapsedMilliseconds} ms)");
        }
        catch (StateUnavailableException e)
        {
            return new ComponentHealth(false, e.Message);
        }
    }

    private async Task<ComponentHealth> CheckRouterAsync(CancellationToken ct)
    {
        if (settings.RouterDirectory is not { } directory)
            return new ComponentHealth(true, "routing is off on this paasd (no router directory)");
        var snapshotPath = Path.Combine(directory, RoutingSnapshotFile.FileName);
        if (!File.Exists(snapshotPath))
            return new ComponentHealth(false, $"no routing table written yet ({snapshotPath})");
        var written = (await RoutingSnapshotFile.ReadAsync(snapshotPath, ct)).Revision;
        var applied = RoutingSnapshotFile.ReadApplied(Path.Combine(directory, RoutingSnapshotFile.AppliedFileName));
        return applied switch
        {
            null => new ComponentHealth(false, $"paas-router has not applied any routing table (written: revision {written}): is it running?"),
            var a when a >= written => new ComponentHealth(true, $"paas-router serves the latest routing table (revision {a})"),
            var a => new ComponentHealth(false, $"paas-router serves revision {a}, paasd wrote {written}: it is behind or stopped"),
        };
    }
}
