using Paas.Core.Cron;

namespace Paas.Core.Tests.Checks;

public sealed class CronScheduleTests
{
    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("@hourly", "2026-03-04T05:00", true)]
    [InlineData("@hourly", "2026-03-04T05:01", false)]
    [InlineData("@daily", "2026-03-04T00:00", true)]
    [InlineData("@midnight", "2026-03-04T12:00", false)]
    [InlineData("@weekly", "2026-03-08T00:00", true)] // a Sunday
    [InlineData("@monthly", "2026-03-01T00:00", true)]
    [InlineData("@yearly", "2026-01-01T00:00", true)]
    [InlineData("@annually", "2026-02-01T00:00", false)]
    [InlineData("*/15 * * * *", "2026-03-04T05:45", true)]
    [InlineData("*/15 * * * *", "2026-03-04T05:46", false)]
    [InlineData("5/20 * * * *", "2026-03-04T05:45", true)]
    [InlineData("0 9-17/4 * * *", "2026-03-04T13:00", true)]
    [InlineData("0 9-17/4 * * *", "2026-03-04T15:00", false)]
    [InlineData("30 2 1,15 * *", "2026-03-15T02:30", true)]
    [InlineData("0 0 * JAN,jul *", "2026-07-09T00:00", true)]
    [InlineData("0 0 * * 7", "2026-03-08T00:00", true)] // 7 is Sunday too
    [InlineData("0 0 * * sun", "2026-03-08T00:00", true)]
    [InlineData("0 0 * * MON-FRI", "2026-03-07T00:00", false)] // Saturday
    [InlineData("0 0 13 * FRI", "2026-03-13T00:00", true)] // both day fields restricted: either matches
    [InlineData("0 0 13 * FRI", "2026-03-06T00:00", true)]
    [InlineData("0 0 13 * FRI", "2026-03-05T00:00", false)]
    [InlineData("0 0 */2 * MON", "2026-03-09T00:00", true)] // a star-step day field counts as unrestricted: both must match
    [InlineData("0 0 */2 * MON", "2026-03-03T00:00", false)] // odd day, but a Tuesday
    [InlineData("0 0 */2 * MON", "2026-03-02T00:00", false)] // a Monday, but an even day
    public void Matches_FollowsCronSemantics(string expression, string utc, bool matches) =>
        Assert.Equal(matches, CronSchedule.Parse(expression).Matches(At(utc)));

    [Theory]
    [InlineData("", "the schedule is empty")]
    [InlineData("@every 1h", "'@every 1h' is not a schedule Paas knows")]
    [InlineData("* * * * * *", "has 6 fields")]
    [InlineData("60 * * * *", "'60' is not a valid minute: use a number from 0 to 59")]
    [InlineData("* 24 * * *", "'24' is not a valid hour")]
    [InlineData("* * 0 * *", "'0' is not a valid day of month")]
    [InlineData("* * * 13 *", "'13' is not a valid month: use a number from 1 to 12 or a name (JAN-DEC)")]
    [InlineData("* * * * 8", "'8' is not a valid day of week")]
    [InlineData("* * * * FUN", "'FUN' is not a valid day of week")]
    [InlineData("10-5 * * * *", "the minute range '10-5' runs backwards")]
    [InlineData("*/0 * * * *", "the minute step in '*/0' must be a whole number from 1 to 59")]
    [InlineData("1,,2 * * * *", "'' is not a valid minute")]
    public void Problems_SayWhichFieldAndWhy(string expression, string expected)
    {
        Assert.Contains(expected, CronSchedule.TryParse(expression, out var schedule));
        Assert.Null(schedule);
        Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));
    }

    [Theory]
    [InlineData("5 5 5 5 5", "2026-12-03T19:50:30", "2027-05-05T05:05")] // Dokku's test app: 5 May (a Wednesday) comes before May's first Friday (the 7th)
    [InlineData("0 0 13 * FRI", "2026-03-05T10:00", "2026-03-06T00:00")] // a Friday before the 13th
    [InlineData("*/15 * * * *", "2026-03-04T05:45", "2026-03-04T05:45")] // the minute itself counts
    [InlineData("*/15 * * * *", "2026-03-04T05:45:01", "2026-03-04T06:00")] // but not once it has begun
    [InlineData("30 2 * * *", "2026-12-31T23:59", "2027-01-01T02:30")]
    [InlineData("0 0 29 2 *", "2026-03-01T00:00", "2028-02-29T00:00")]
    public void FirstMatchFrom_IsTheFirstMinuteThatFires(string schedule, string from, string expected)
    {
        var first = CronSchedule.Parse(schedule).FirstMatchFrom(At(from));

        Assert.Equal(At(expected), first);
        Assert.True(CronSchedule.Parse(schedule).Matches(first!.Value));
    }

    [Fact]
    public void FirstMatchFrom_ADayThatNeverComes_IsNull() =>
        Assert.Null(CronSchedule.Parse("0 0 30 2 *").FirstMatchFrom(At("2026-01-01T00:00")));
}
