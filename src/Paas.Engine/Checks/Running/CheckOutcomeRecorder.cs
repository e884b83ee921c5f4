using System.Globalization;
using Microsoft.Extensions.Logging;
using Paas.Core.Checks;
using Paas.Core.Containers;
using Paas.Engine.Operations;
using Paas.Engine.Routing;

namespace Paas.Engine.Checks.Running;

/// <summary>
/// Makes a liveness/readiness check's changed outcome known where it matters: the instance's row
/// (<c>containers.not_ready_since</c>, and the check's own entry of <c>check_results</c> beside <c>last_check</c>, so
/// the routes and <c>ps:report</c> follow it, across paasd restarts too), the app's log stream (<c>paas[checks]</c> lines in <c>paas logs APP</c>) and paasd's log.
/// A change of readiness rewrites the routing table at once (the row's notification would too, a moment later).
/// </summary>
public sealed partial class CheckOutcomeRecorder(
    StateOperation op,
    IPlatformLog appLog,
    RoutingTableWriter routing,
    TimeProvider time,
    ILogger<CheckOutcomeRecorder> logger)
{
    /// <summary>
    /// The first result of check <paramref name="index"/> (its position among the process type's liveness/readiness
    /// checks) for a container, or a pass after a failure.
    /// </summary>
    public async Task PassedAsync(RunningCheckTarget target, HealthCheck check, int index, bool wasFailing, CancellationToken ct)
    {
        var change = await RecordAsync(target, check, index, ok: true, "passes", ct);
        var changed = change?.Changed == true;
        if (!wasFailing && !changed) return;
        var line = check.Type != HealthCheckType.Readiness
            ? $"{target.Target.Dyno} passes its liveness check '{check.DisplayName}' again"
            : change?.Ready == false
                ? $"{target.Target.Dyno} passes its readiness check '{check.DisplayName}' again, still out of the routes: another readiness check fails"
                : $"{target.Target.Dyno} passes its readiness check '{check.DisplayName}' again: back in the routes";
        LogPassed(logger, target.App, line);
        await WriteAppLogAsync(target, line, ct);
        if (changed) await WriteRoutesAsync(ct);
    }

    /// <summary><see cref="HealthCheck.Attempts"/> failures in a row: check <paramref name="index"/> failed.</summary>
    public async Task FailedAsync(RunningCheckTarget target, HealthCheck check, int index, int failures, string? reason, CancellationToken ct)
    {
        var why = $"{failures} times in a row ({reason ?? "no reason given"})";
        var change = await RecordAsync(target, check, index, ok: false, $"failed {why}", ct);
        var line = check.Type == HealthCheckType.Readiness
            ? $"{target.Target.Dyno} failed its readiness check '{check.DisplayName}' {why}: out of the routes until it passes"
            : $"{target.Target.Dyno} failed its liveness check '{check.DisplayName}' {why}: killed, the restart policy restarts it";
        LogFailed(logger, target.App, line);
        await WriteAppLogAsync(target, line, ct);
        if (change?.Changed == true) await WriteRoutesAsync(ct);
    }

    private Task<ReadinessChange?> RecordAsync(RunningCheckTarget target, HealthCheck check, int index, bool ok, string message, CancellationToken ct)
    {
        var result = new RunningCheckResult(index.ToString(CultureInfo.InvariantCulture), check.Type, check.DisplayName, ok, message,
            time.GetUtcNow(), target.Target.ContainerId);
        return op.RunAsync(s => s.Instances.RecordCheckAsync(result, ct), ct);
    }

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
