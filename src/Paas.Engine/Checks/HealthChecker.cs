using Paas.Core.Builds;
using Paas.Core.Checks;
using Paas.Core.Containers;

namespace Paas.Engine.Checks;

/// <summary>
/// Runs a <see cref="CheckPlan"/>'s checks, in order, against one new container, writing each attempt
/// as a detail line (<c>       web.1: check '/health' attempt 1/3 failed: connection refused</c>) and a
/// failure as an error line; a quiet check (the default web check) writes at most a "waiting" line
/// and its outcome. A check waits its initial delay, then tries up to its attempts with its
/// wait between them; an uptime check waits until the container has been up that long. A container
/// that stops fails at once, whatever is left to try (even for warn-only checks: it cannot serve).
/// Cancelling <c>ct</c> throws <see cref="OperationCanceledException"/>; everything else is a result.
/// </summary>
public sealed class HealthChecker(IContainerRuntime runtime, TimeProvider time)
{
    /// <summary>A quiet check says it is still waiting once it has waited this long (most apps bind sooner, and it says nothing then).</summary>
    private static readonly TimeSpan QuietNotice = TimeSpan.FromSeconds(1);

    /// <summary>A container whose start time moved by more than this was restarted during its checks.</summary>
    private static readonly TimeSpan StartTimeSlack = TimeSpan.FromSeconds(1);

    public async Task<CheckRunResult> RunAsync(CheckPlan plan, CheckTarget target, IBuildOutput output, CancellationToken ct)
    {
        var dyno = target.Dyno;
        if (plan.Mode != CheckMode.Run || plan.Checks.Count == 0)
        {
            var why = plan.Mode == CheckMode.Disabled ? "zero downtime is disabled (checks:disable)" : "checks are skipped (checks:skip)";
            await output.WriteLineAsync(BuildOutput.Detail($"{dyno}: {why}"), ct);
            return CheckRunResult.Pass([]);
        }

        await output.WriteLineAsync(BuildOutput.Detail($"{dyno}: {Count(plan.Checks.Count)} {From(plan.Source)}"), ct);
        var current = await runtime.FindAsync(target.ContainerId, ct);
        if (current?.Status != ContainerStatus.Running)
            return await FailAsync(output, $"{dyno}: {ContainerWatch.Describe(current)} before its checks began", [], ct);

        await using var watch = ContainerWatch.Start(runtime, target.ContainerId, ct);
        using var http = new HttpProbe();
        var outcomes = new List<CheckOutcome>();
        foreach (var check in plan.Checks)
        {
            var outcome = await RunCheckAsync(check, target, watch, http, output, ct);
            outcomes.Add(outcome);
            var attempts = check.Probe == HealthCheckProbe.Uptime ? "" : $" after {Count(outcome.Attempts, "attempt")}";
            if (outcome.Status == CheckOutcomeStatus.Failed)
                return await FailAsync(output, $"{dyno}: check '{outcome.Check}' failed{attempts}: {outcome.Reason}", outcomes, ct);
            if (outcome.Status == CheckOutcomeStatus.Warned)
                await output.WriteLineAsync(BuildOutput.Error($"{dyno}: check '{outcome.Check}' failed{attempts}, only a warning (warn: true): {outcome.Reason}"), ct);
        }
        await output.WriteLineAsync(BuildOutput.Detail($"{dyno}: checks passed"), ct);
        return CheckRunResult.Pass(outcomes);
    }

    private async Task<CheckOutcome> RunCheckAsync(HealthCheck check, CheckTarget target, ContainerWatch watch, HttpProbe http, IBuildOutput output, CancellationToken ct)
    {
        var name = check.DisplayName;
        var prefix = $"{target.Dyno}: check '{name}'";
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, watch.Died);
        var attempt = 0;
        try
        {
            if (check.Probe == HealthCheckProbe.Uptime)
                return await UptimeAsync(check, target, prefix, output, linked.Token, ct);
            if (check.InitialDelay > TimeSpan.Zero)
            {
                await output.WriteLineAsync(BuildOutput.Detail($"{prefix} waiting {HealthCheck.Seconds(check.InitialDelay)} before the first attempt"), ct);
                await Task.Delay(check.InitialDelay, time, linked.Token);
            }
            string? reason = null;
            var started = time.GetTimestamp();
            var announced = false;
            for (attempt = 1; attempt <= check.Attempts; attempt++)
            {
                var result = check.Probe switch
                {
                    HealthCheckProbe.Http => await http.TryAsync(check, target, linked.Token),
                    HealthCheckProbe.Listening => await ListeningProbe.TryAsync(check, target, linked.Token),
                    _ => await CommandProbe.TryAsync(runtime, check, target, linked.Token),
                };
                // A probe that failed because the container died says so through the watch.
                linked.Token.ThrowIfCancellationRequested();
                if (result.Ok)
                {
                    var passed = check.Quiet
                        ? $"{prefix} ok after {Rounded(time.GetElapsedTime(started))} ({(attempt == 1 ? "1 try" : $"{attempt} tries")})"
                        : $"{prefix} attempt {attempt}/{check.Attempts} ok";
                    await output.WriteLineAsync(BuildOutput.Detail(passed), ct);
                    return new CheckOutcome(name, CheckOutcomeStatus.Passed, attempt, null);
                }
                reason = result.Reason;
                if (!check.Quiet)
                    await output.WriteLineAsync(BuildOutput.Detail($"{prefix} attempt {attempt}/{check.Attempts} failed: {reason}"), ct);
                else if (!announced && time.GetElapsedTime(started) >= QuietNotice)
                {
                    // One line once the wait is worth mentioning; the outcome is the other.
                    announced = true;
                    await output.WriteLineAsync(BuildOutput.Detail($"{prefix} waiting: {reason}"), ct);
                }
                if (attempt < check.Attempts)
                    await Task.Delay(check.WaitAfter(attempt), time, linked.Token);
            }
            return new CheckOutcome(name, check.Warn ? CheckOutcomeStatus.Warned : CheckOutcomeStatus.Failed, check.Attempts, reason);
        }
        catch (OperationCanceledException) when (watch.Died.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return new CheckOutcome(name, CheckOutcomeStatus.Failed, Math.Min(Math.Max(attempt, 1), check.Attempts), watch.Reason);
        }
    }

    /// <summary>Waits until the container has been up for the check's uptime, then asks the runtime whether it still runs, unrestarted.</summary>
    private async Task<CheckOutcome> UptimeAsync(HealthCheck check, CheckTarget target, string prefix, IBuildOutput output, CancellationToken linked, CancellationToken ct)
    {
        var remaining = check.Uptime - (time.GetUtcNow() - target.StartedAt);
        if (remaining > TimeSpan.Zero)
        {
            var shown = TimeSpan.FromSeconds(Math.Ceiling(remaining.TotalSeconds * 10) / 10);
            await output.WriteLineAsync(BuildOutput.Detail($"{prefix} waiting {HealthCheck.Seconds(shown)}"), ct);
            await Task.Delay(remaining, time, linked);
        }
        var info = await runtime.FindAsync(target.ContainerId, ct);
        string? reason = info?.Status != ContainerStatus.Running ? ContainerWatch.Describe(info)
            : info.StartedAt > target.StartedAt + StartTimeSlack ? "the container restarted"
            : null;
        if (reason is not null)
            return new CheckOutcome(check.DisplayName, check.Warn ? CheckOutcomeStatus.Warned : CheckOutcomeStatus.Failed, 1, reason);
        await output.WriteLineAsync(BuildOutput.Detail($"{prefix} ok"), ct);
        return new CheckOutcome(check.DisplayName, CheckOutcomeStatus.Passed, 1, null);
    }

    private static async Task<CheckRunResult> FailAsync(IBuildOutput output, string failure, IReadOnlyList<CheckOutcome> outcomes, CancellationToken ct)
    {
        await output.WriteLineAsync(BuildOutput.Error(failure), ct);
        return CheckRunResult.Fail(failure, outcomes);
    }

    private static string From(CheckSource source) => source switch
    {
        CheckSource.AppJson => "from app.json",
        CheckSource.ChecksFile => "from the CHECKS file",
        _ => "(default)",
    };

    private static string Count(int n, string noun = "check") => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string Rounded(TimeSpan span) => HealthCheck.Seconds(TimeSpan.FromSeconds(Math.Round(span.TotalSeconds, 2)));
}
