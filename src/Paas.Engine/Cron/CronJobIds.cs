using System.Globalization;

namespace Paas.Engine.Cron;

/// <summary>
/// Hangfire's recurring job id of an app's cron entry: <c>cron:APPID:N</c>, N its place in app.json's
/// <c>cron</c> list from 1 (the id <c>cron:list</c> shows and <c>cron:run</c> takes). The app's id, not
/// its name: a rename keeps its jobs, a new app of an old name does not inherit them.
/// </summary>
public static class CronJobIds
{
    public static string For(long appId, int entry) => string.Create(CultureInfo.InvariantCulture, $"cron:{appId}:{entry}");

    public static string PrefixOf(long appId) => string.Create(CultureInfo.InvariantCulture, $"cron:{appId}:");

    /// <summary>N of <c>cron:APPID:N</c>, or null for another app's or another kind of job.</summary>
    public static int? EntryOf(long appId, string recurringJobId) =>
        recurringJobId.StartsWith(PrefixOf(appId), StringComparison.Ordinal)
        && int.TryParse(recurringJobId.AsSpan(PrefixOf(appId).Length), NumberStyles.None, CultureInfo.InvariantCulture, out var entry)
            ? entry
            : null;
}
