using Paas.Core.Builds;

namespace Paas.Core.Tests.Builds;

public sealed class BuildDurationTests
{
    [Theory]
    [InlineData("900", 900)]
    [InlineData("900s", 900)]
    [InlineData("30m", 1800)]
    [InlineData(" 2H ", 7200)]
    [InlineData("24h", 86400)]
    public void ValidDurations_Parse(string text, int seconds)
    {
        Assert.Null(BuildDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("", "not a duration")]
    [InlineData("ten", "not a duration")]
    [InlineData("1.5h", "not a duration")]
    [InlineData("-5m", "not a duration")]
    [InlineData("5d", "not a duration")]
    [InlineData("0", "out of range")]
    [InlineData("25h", "out of range")]
    [InlineData("99999999999", "not a duration")]
    public void BadDurations_SayWhatIsWrong(string text, string problem)
    {
        Assert.Contains(problem, BuildDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(7200, "2h")]
    [InlineData(900, "15m")]
    [InlineData(61, "61s")]
    public void Durations_FormatAsUsersTypeThem(int seconds, string text) =>
        Assert.Equal(text, BuildDuration.Format(TimeSpan.FromSeconds(seconds)));
}
