using Microsoft.Extensions.Logging;
using Paas.Core.Checks;
using Paas.Core.Containers;
using Paas.Engine.Operations;
using Paas.Engine.Routing;

namespace Paas.Engine.Checks.Running;

/// <summary>
/// Makes a liveness/readiness check's changed outcome known where it matters: the instance's row
/// (<c>containers.not_ready_since</c> and <c>last_check</c>, so the routes and <c>ps:report</c> follow it, across
/// paasd restarts too), the app's log stream (<c>paas[checks]</c> lines in <c>paas logs APP</c>) and paasd's log.
/// A change of readiness rewrites the routing table at once (the row's notification would too, a moment later).
/// </summary>
public sealed partial class CheckOutcomeRecorder(
    StateOperation op,
    IPlatformLog appLog,
    RoutingTableWriter routing,
    TimeProvider time,
    ILogger<CheckOutcomeRecorder> logger)
{
    /// <summary>The first result of a check for a container, or a pass after a failure.</summary>
    public async Task PassedAsync(RunningCheckTarget target, HealthCheck check, bool wasFailing, CancellationToken ct)
    {
        var readiness = check.Type == HealthCheckType.Readiness;
        var changed = await op.RunAsync(s => s.Instances.RecordCheckAsync(
            target.Target.ContainerId, readiness ? true : null, ok: true, $"{Kind(check)} '{check.DisplayName}' passes", time.GetUtcNow(), ct), ct);
        if (!wasFailing && !changed) return;
        var line = readiness
            ? $"{target.Target.Dyno} passes its readiness check '{check.DisplayName}' again: back in the routes"
            : $"{target.Target.Dyno} passes its liveness check '{check.DisplayName}' again";
        LogPassed(logger, target.App, line);
        await WriteAppLogAsync(target, line, ct);
        if (changed) await WriteRoutesAsync(ct);
    }

    /// <summary><see cref="HealthCheck.Attempts"/> failures in a row: the check failed.</summary>
    public async Task FailedAsync(RunningCheckTarget target, HealthCheck check, int failures, string? reason, CancellationToken ct)
    {
        var readiness = check.Type == HealthCheckType.Readiness;
        var why = $"{failures} times in a row ({reason ?? "no reason given"})";
        var changed = await op.RunAsync(s => s.Instances.RecordCheckAsync(
            target.Target.ContainerId, readiness ? false : null, ok: false, $"{Kind(check)} '{check.DisplayName}' failed {why}", time.GetUtcNow(), ct), ct);
        var line = readiness
            ? $"{target.Target.Dyno} failed its readiness check '{check.DisplayName}' {why}: out of the routes until it passes"
            : $"{target.Target.Dyno} failed its liveness check '{check.DisplayName}' {why}: killed, the restart policy restarts it";
        LogFailed(logger, target.App, line);
        await WriteAppLogAsync(target, line, ct);
        if (changed) await WriteRoutesAsync(ct);
    }

    private static string Kind(HealthCheck check) => check.Type == HealthCheckType.Readiness ? "readiness" : "liveness";

    private async Task WriteAppLogAsync(RunningCheckTarget target, string line, CancellationToken ct)
    {
        try
        {
            await appLog.WriteAsync(target.AppId, target.App, IPlatformLog.Checks, line, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogAppLogFailed(logger, target.App, e);
        }
    }

    private async Task WriteRoutesAsync(CancellationToken ct)
    {
        try
        {
            await routing.WriteAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogRoutesFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "app {App}: {Outcome}")]
    private static partial void LogFailed(ILogger logger, string app, string outcome);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "app {App}: {Outcome}")]
    private static partial void LogPassed(ILogger logger, string app, string outcome);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "app {App}: could not write a check's outcome to the app's log")]
    private static partial void LogAppLogFailed(ILogger logger, string app, Exception e);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "liveness/readiness checks: could not write the routing table")]
    private static partial void LogRoutesFailed(ILogger logger, Exception e);
}
