using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Paas.Core.Builds.AppJson;
using Paas.Engine.Deploys;
using Paas.Engine.Operations;

namespace Paas.Engine.Cron;

/// <summary>
/// The job that makes Hangfire's recurring jobs of an app match its serving release's app.json
/// <c>cron</c> entries: each entry N is <c>cron:APPID:N</c> (added or replaced), the app's others are
/// removed, and all of them when the app is gone or serves nothing. Asked for (through the outbox) by
/// every deploy's switch and by apps:destroy; takes the app's id only and is safe to run twice.
/// </summary>
public sealed partial class CronRegistrar(
    StateOperation op,
    JobStorage storage,
    IRecurringJobManager recurring,
    EngineSettings settings,
    ILogger<CronRegistrar> logger)
{
    /// <summary>Returns how many entries are registered now.</summary>
    public async Task<int> SyncAsync(long appId, CancellationToken ct)
    {
        var entries = await op.ReadAsync<IReadOnlyList<AppJsonCronEntry>>(async s =>
        {
            var context = await DeployContext.ReadAsync(s, appId, null, ct);
            return context?.Release is null ? [] : context.AppJson.Cron;
        }, ct);

        for (var n = 1; n <= entries.Count; n++)
        {
            var entry = n;
            recurring.AddOrUpdate<CronRunJob>(CronJobIds.For(appId, entry),
                job => job.RunAsync(appId, entry, null, CancellationToken.None),
                CronExpressions.For(entries[entry - 1].Schedule, settings.CronTestInterval),
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }

        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Select(j => j.Id)
                     .Where(id => CronJobIds.EntryOf(appId, id) is { } n && n > entries.Count))
            recurring.RemoveIfExists(stale);
        LogSynced(logger, appId, entries.Count);
        return entries.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "app {AppId} has {Count} cron entries registered")]
    private static partial void LogSynced(ILogger logger, long appId, int count);
}
