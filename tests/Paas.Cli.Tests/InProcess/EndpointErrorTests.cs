namespace Paas.Cli.Tests.InProcess;

/// <summary>What a user sees when paasd cannot be reached; no server is needed to test that.</summary>
public sealed class EndpointErrorTests
{
    [Fact]
    public async Task MissingSocket_SaysPaasdIsUnreachable_AndHowToPointAtIt()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"paas-cli-test-{Guid.NewGuid():N}.sock");

        var run = await CliRun.RunAsync(new Dictionary<string, string> { ["PAAS_SOCKET"] = socket }, "", "apps:list");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal($" !     cannot reach paasd at {socket}: is it running? (set PAAS_SOCKET or PAAS_URL)\n", run.Stderr);
    }

    [Fact]
    public async Task SocketPathThatIsNotASocket_SaysPaasdIsUnreachable()
    {
        var file = Path.GetTempFileName();
        try
        {
            var run = await CliRun.RunAsync(new Dictionary<string, string> { ["PAAS_SOCKET"] = file }, "", "tokens:list");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"cannot reach paasd at {file}", run.Stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task UrlNobodyListensOn_SaysPaasdIsUnreachable()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var run = await CliRun.RunAsync(new Dictionary<string, string> { ["PAAS_URL"] = "http://127.0.0.1:1" }, "", "apps:list");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(" !     cannot reach paasd at http://127.0.0.1:1/", run.Stderr);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com")]
    public async Task InvalidUrl_IsNamedInTheError(string url)
    {
        var run = await CliRun.RunAsync(new Dictionary<string, string> { ["PAAS_URL"] = url }, "", "apps:list");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"PAAS_URL '{url}' is not an http:// or https:// URL", run.Stderr);
    }
}
