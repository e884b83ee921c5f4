namespace Paas.Builds.Tests.Building;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(900, "15m")]
    [InlineData(5400, "1h30m")]
    [InlineData(45, "45s")]
    [InlineData(7200, "2h")]
    [InlineData(61, "1m1s")]
    public void Format_WritesDurationsAsUsersTypeThem(int seconds, string text) =>
        Assert.Equal(text, DurationText.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Format_ShowsMilliseconds_BelowASecond() => Assert.Equal("250ms", DurationText.Format(TimeSpan.FromMilliseconds(250)));
}
