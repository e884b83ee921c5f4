using Paas.Core.Cron;
using Paas.Engine.Cron;

namespace Paas.Engine.Tests.Cron;

public sealed class CronExpressionsTests
{
    [Theory]
    [InlineData("*/10 * * * *", "*/10 * * * *")]
    [InlineData("@hourly", "0 * * * *")]
    [InlineData("@daily", "0 0 * * *")]
    [InlineData("30 2 * * mon-fri", "30 2 * * mon-fri")]
    // Either day (cron's rule): both opened for Hangfire, the run checks the day itself.
    [InlineData("0 0 13 * 5", "0 0 * * *")]
    public void Schedules_BecomeWhatHangfireReads(string schedule, string expected) =>
        Assert.Equal(expected, CronExpressions.For(CronSchedule.Parse(schedule), testInterval: null));

    [Fact]
    public void ATestInterval_RunsEveryEntryThatOften() =>
        Assert.Equal("*/2 * * * * *", CronExpressions.For(CronSchedule.Parse("@weekly"), TimeSpan.FromSeconds(2)));

    [Fact]
    public void CronJobIds_NameTheAppAndEntry()
    {
        Assert.Equal("cron:42:3", CronJobIds.For(42, 3));
        Assert.Equal(3, CronJobIds.EntryOf(42, "cron:42:3"));
        Assert.Null(CronJobIds.EntryOf(4, "cron:42:3"));
        Assert.Null(CronJobIds.EntryOf(42, "paas:cleanup"));
    }
}
