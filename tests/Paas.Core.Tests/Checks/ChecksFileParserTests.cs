using Paas.Core.Builds;
using Paas.Core.Checks;

namespace Paas.Core.Tests.Checks;

public sealed class ChecksFileParserTests
{
    [Fact]
    public void Checks_Directives_AndComments_AreRead_AsDokkuDid()
    {
        var file = ChecksFileParser.Parse("""
            # the app's own checks
            WAIT=10     # boot takes a while
            /                       My Amazing App
            /stylesheets/index.css  .body
            /scripts/index.js       $(function()

            //admin.example.com  Admin Dashboard
            https://static.example.com/logo.png
            /images/logo.png
            ATTEMPTS=6
            TIMEOUT=60
            """);

        Assert.Equal((10, 60, 6), (file.Wait, file.Timeout, file.Attempts));
        Assert.Equal(
        [
            new ChecksFileCheck(3, "http", null, "/", "My Amazing App"),
            new ChecksFileCheck(4, "http", null, "/stylesheets/index.css", ".body"),
            new ChecksFileCheck(5, "http", null, "/scripts/index.js", "$(function()"),
            new ChecksFileCheck(7, "http", "admin.example.com", "/", "Admin Dashboard"),
            new ChecksFileCheck(8, "https", "static.example.com", "/logo.png", null),
            new ChecksFileCheck(9, "http", null, "/images/logo.png", null),
        ], file.Checks);
        Assert.Empty(file.Ignored);
    }

    [Fact]
    public void LinesThatAreNeitherChecksNorSettings_AreIgnored_AndListed()
    {
        var file = ChecksFileParser.Parse("just words\nFOO=1\n/ok\n");

        Assert.Single(file.Checks);
        Assert.Equal(["line 1 is neither a check (/path [content]) nor a setting: ignored", "line 2: FOO is not a CHECKS setting (WAIT, TIMEOUT and ATTEMPTS are)"], file.Ignored);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("# only a comment\n\n")]
    public void AnEmptyFile_HasNoChecks(string? content) =>
        Assert.Empty(ChecksFileParser.Parse(content).Checks);

    [Theory]
    [InlineData("WAIT=soon\n/", "line 1: WAIT=soon must be a whole number from 0 to 3600 seconds")]
    [InlineData("/\nATTEMPTS=0", "line 2: ATTEMPTS=0 must be a whole number from 1 to 100")]
    [InlineData("TIMEOUT=-3", "line 1: TIMEOUT=-3 must be a whole number from 1 to 3600 seconds")]
    [InlineData("//{{ var \"DOMAIN\" }}/  ok", "line 1 is a template ({{ ... }}), which Paas does not expand: write the value itself")]
    [InlineData("//bad@host/x", "line 1: '//bad@host/x' must name a host such as //admin.example.com/path")]
    [InlineData("https:path", "line 1: 'https:path' must be a path such as /health, //host/path or https://host/path")]
    public void BadLines_FailTheDeploy_NamingTheLine(string content, string expected)
    {
        var e = Assert.Throws<BuildFailedException>(() => ChecksFileParser.Parse(content));

        Assert.StartsWith("CHECKS is invalid: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AsHealthChecks_WaitComesBeforeTheFirstCheck_AndTheFileWinsOverTheSettings()
    {
        var file = ChecksFileParser.Parse("ATTEMPTS=2\n/health ok\n//admin.example.com/login  Sign in\n");

        var checks = file.ToHealthChecks(new LegacyCheckDefaults(TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(9), 4));

        Assert.Equal(2, checks.Count);
        Assert.All(checks, c => Assert.Equal((HealthCheckProbe.Http, 2, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(7)), (c.Probe, c.Attempts, c.Timeout, c.Wait)));
        Assert.Equal((TimeSpan.FromSeconds(7), "/health", "ok", "/health"), (checks[0].InitialDelay, checks[0].Path, checks[0].Content, checks[0].DisplayName));
        Assert.Equal(TimeSpan.Zero, checks[1].InitialDelay);
        Assert.Equal([new HttpHeader("Host", "admin.example.com")], checks[1].HttpHeaders);
        Assert.Equal("http://admin.example.com/login", checks[1].DisplayName);
    }
}
