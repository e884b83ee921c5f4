using Hangfire;
using Paas.Engine.Cleanup;

namespace Paas.Engine.Jobs;

/// <summary>paasd's own recurring jobs, registered (again) whenever it connects to PostgreSQL; AddOrUpdate makes that idempotent.</summary>
public sealed class RecurringJobs(IRecurringJobManager manager)
{
    public const string CleanupId = "paas:cleanup";

    public void EnsureRegistered() =>
        manager.AddOrUpdate<HostCleanupJob>(CleanupId, job => job.RunAsync(CancellationToken.None), Hangfire.Cron.Hourly(),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
}
