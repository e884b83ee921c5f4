using Hangfire;
using Paas.Data;
using Paas.Data.Jobs;
using Paas.Host.Configuration;

namespace Paas.Host.Jobs;

/// <summary>
/// Hangfire in paasd (DESIGN §3/§4): the storage in the state database (schema "hangfire", installed
/// with the migrations), the client the Engine enqueues with, a small server that runs the Engine's
/// jobs, and the outbox dispatcher. Nothing here touches the database at start: Hangfire's processes
/// connect in the background and retry while PostgreSQL is down, so paasd starts at once either way.
/// </summary>
public static class JobsServiceCollectionExtensions
{
    /// <summary>Jobs run inside paasd; cron runs wait on their containers, so a few at once.</summary>
    public const int Workers = 4;

    /// <summary>How often the delayed and recurring schedulers look for due jobs (Hangfire's default; cron is minute-grained).</summary>
    public static readonly TimeSpan SchedulePolling = TimeSpan.FromSeconds(15);

    public static IServiceCollection AddPaasJobs(this IServiceCollection services, PaasSettings settings)
    {
        services.AddPaasJobStorage(settings.Database, JobStorageSettings.Default);
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        services.AddHangfireServer(options =>
        {
            options.WorkerCount = Workers;
            options.ServerName = $"paasd-{Environment.MachineName}-{Environment.ProcessId}";
            // A test interval (seconds) needs the recurring scheduler to look every second.
            options.SchedulePollingInterval = settings.CronTestInterval is null ? SchedulePolling : TimeSpan.FromSeconds(1);
            // paasd's stop waits this long for running jobs; a cron run's container carries on under its monitor.
            options.ShutdownTimeout = TimeSpan.FromSeconds(5);
        });
        services.AddHostedService<JobServices>();
        return services;
    }
}
