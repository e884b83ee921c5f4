using Hangfire;
using Paas.Host.Configuration;

namespace Paas.Host.Jobs;

/// <summary>paasd's Hangfire server: a few workers, Hangfire's polling for due jobs, a short shutdown.</summary>
public static class JobServerOptions
{
    /// <summary>Jobs run inside paasd; cron runs wait on their containers, so a few at once.</summary>
    public const int Workers = 4;

    /// <summary>How often the delayed and recurring schedulers look for due jobs (Hangfire's default; cron is minute-grained).</summary>
    public static readonly TimeSpan SchedulePolling = TimeSpan.FromSeconds(15);

    public static BackgroundJobServerOptions For(PaasSettings settings) => new()
    {
        WorkerCount = Workers,
        ServerName = $"paasd-{Environment.MachineName}-{Environment.ProcessId}",
        // A test interval (seconds) needs the recurring scheduler to look every second.
        SchedulePollingInterval = settings.CronTestInterval is null ? SchedulePolling : TimeSpan.FromSeconds(1),
        // paasd's stop waits this long for running jobs; a cron run's container carries on under its monitor.
        ShutdownTimeout = TimeSpan.FromSeconds(5),
    };
}
