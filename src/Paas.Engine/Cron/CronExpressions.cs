using System.Globalization;
using Paas.Core.Cron;

namespace Paas.Engine.Cron;

/// <summary>
/// An app.json schedule as Hangfire's scheduler (Cronos) reads it. Cronos asks for both day fields
/// at once where cron (and <see cref="CronSchedule"/>) takes either: such a schedule is registered
/// with both days open, and the run checks <see cref="CronSchedule.Matches"/> (see <see cref="CronRunJob"/>).
/// With a test interval (PAAS_CRON_TEST_INTERVAL, tests only) every entry runs every that many seconds.
/// </summary>
public static class CronExpressions
{
    public static string For(CronSchedule schedule, TimeSpan? testInterval)
    {
        if (testInterval is { } interval)
            return string.Create(CultureInfo.InvariantCulture, $"*/{Math.Clamp((int)interval.TotalSeconds, 1, 59)} * * * * *");
        if (!schedule.EitherDay) return schedule.Fields;
        var fields = schedule.Fields.Split(' ');
        fields[2] = "*";
        fields[4] = "*";
        return string.Join(' ', fields);
    }
}
