namespace Paas.Core.Checks;

/// <summary>
/// What a deploy does for one process type before the new containers take over: which checks run
/// on each new container (<see cref="Checks"/>, in order, all must pass), or that checks are
/// skipped, or that zero downtime is disabled (<see cref="StopOldFirst"/>). <see cref="NotRun"/>
/// holds the type's liveness/readiness checks, which a deploy does not run (so output can say so): they
/// run on the serving containers afterwards (Paas.Engine's RunningCheckMonitor).
/// </summary>
public sealed record CheckPlan(
    string ProcessType,
    CheckMode Mode,
    CheckSource Source,
    IReadOnlyList<HealthCheck> Checks,
    IReadOnlyList<HealthCheck> NotRun)
{
    /// <summary>The default web check tries the port again after this long at first...</summary>
    public static readonly TimeSpan ListeningPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>...doubling after each refused try up to this (at most two connects a second to a port that opens late).</summary>
    public static readonly TimeSpan ListeningPollLimit = TimeSpan.FromMilliseconds(500);

    /// <summary>...for default-wait plus this long, so a slow start still gets its wait's worth after binding late.</summary>
    public static readonly TimeSpan ListeningGrace = TimeSpan.FromSeconds(10);

    /// <summary>checks:disable: stop the old containers of this type before starting the new ones.</summary>
    public bool StopOldFirst => Mode == CheckMode.Disabled;

    /// <summary>
    /// The plan for <paramref name="processType"/>: app.json's startup checks for it if it has any,
    /// else (for web) the CHECKS file's, else the defaults; checks:disable wins over checks:skip.
    /// </summary>
    public static CheckPlan For(
        string processType,
        IReadOnlyDictionary<string, IReadOnlyList<HealthCheck>> appJsonChecks,
        ChecksFile checksFile,
        CheckSettings settings)
    {
        var declared = appJsonChecks.GetValueOrDefault(processType) ?? [];
        var startup = declared.Where(c => c.Type == HealthCheckType.Startup).ToList();
        var notRun = declared.Where(c => c.Type != HealthCheckType.Startup).ToList();
        var (source, checks) =
            startup.Count > 0 ? (CheckSource.AppJson, startup)
            : processType == Formation.ProcessType.Web && checksFile.Checks.Count > 0 ? (CheckSource.ChecksFile, checksFile.ToHealthChecks(settings.Legacy))
            : (CheckSource.Default, DefaultChecks(processType, settings.DefaultWait));
        var mode = settings.Disabled.Contains(processType) ? CheckMode.Disabled
            : settings.Skipped.Contains(processType) ? CheckMode.Skipped
            : CheckMode.Run;
        return new CheckPlan(processType, mode, source, mode == CheckMode.Run ? checks : [], notRun);
    }

    /// <summary>
    /// Without declared checks: every process must stay up <paramref name="defaultWait"/> (Dokku's
    /// default-wait), and web must also accept TCP connections on its $PORT, tried after 50 ms, then
    /// waits doubling to 500 ms, for up to default-wait plus 10 seconds, quietly (one or two lines
    /// in the push): a web process the router cannot reach must not take over.
    /// </summary>
    public static IReadOnlyList<HealthCheck> DefaultChecks(string processType, TimeSpan defaultWait)
    {
        var uptime = new HealthCheck { Name = $"uptime {HealthCheck.Seconds(defaultWait)}", Uptime = defaultWait };
        if (processType != Formation.ProcessType.Web) return [uptime];
        var listening = new HealthCheck
        {
            Name = "listening on $PORT",
            Listening = true,
            Wait = ListeningPoll,
            WaitLimit = ListeningPollLimit,
            Timeout = TimeSpan.FromSeconds(2),
            Quiet = true,
        };
        return [listening with { Attempts = AttemptsWithin(listening, defaultWait + ListeningGrace) }, uptime];
    }

    /// <summary>Tries enough for the waits between them to add up to <paramref name="budget"/>.</summary>
    private static int AttemptsWithin(HealthCheck check, TimeSpan budget)
    {
        var attempts = 1;
        for (var waited = TimeSpan.Zero; waited < budget; attempts++) waited += check.WaitAfter(attempts);
        return attempts;
    }

    /// <summary>
    /// The longest the checks can take on one container when every try times out: a bound for the
    /// deploy's own deadline (the uptime checks count from the container's start, so this overestimates).
    /// </summary>
    public TimeSpan MaxDuration => Checks.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.InitialDelay + (c.Probe == HealthCheckProbe.Uptime
        ? c.Uptime
        : c.Timeout * c.Attempts + Enumerable.Range(1, Math.Max(0, c.Attempts - 1)).Aggregate(TimeSpan.Zero, (waits, a) => waits + c.WaitAfter(a))));
}
