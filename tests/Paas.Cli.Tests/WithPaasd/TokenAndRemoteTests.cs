using Paas.Cli.Http;
using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

[Collection(PaasdCollection.Name)]
public sealed class TokenAndRemoteTests(PaasdFixture paasd)
{
    private readonly PaasdCli _cli = new(paasd);

    [Fact]
    public async Task TokensCreate_PrintsOnlyTheToken_WhichWorksAsPaasToken()
    {
        var app = await _cli.CreateAppAsync();

        var created = await _cli.RunAsync("tokens:create", PaasdCli.UniqueName("ci"));
        var token = created.Stdout.TrimEnd('\n');
        var remote = await _cli.RunRemoteAsync(token, "apps:list");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Matches(@"^\S+\n$", created.Stdout);
        Assert.True(remote.ExitCode == 0, remote.ToString());
        Assert.Contains($"\n{app}\n", remote.Stdout);
    }

    [Fact]
    public async Task Remote_WithoutToken_ExitsOne_WithTheAuthenticationMessage()
    {
        var result = await _cli.RunRemoteAsync(null, "apps:list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal($" !     {PaasApi.AuthenticationFailed}\n", result.Stderr);
    }

    [Fact]
    public async Task Remote_WithWrongToken_ExitsOne_WithTheAuthenticationMessage()
    {
        var result = await _cli.RunRemoteAsync("paas_not-a-real-token", "apps:list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($" !     {PaasApi.TokenRejected}\n", result.Stderr);
    }

    [Fact]
    public async Task Revoke_StopsTheTokenWorking_AndListNoLongerShowsIt()
    {
        var name = PaasdCli.UniqueName("revoked");
        var token = (await _cli.RunAsync("tokens:create", name)).Stdout.TrimEnd('\n');
        var listed = await _cli.RunAsync("tokens:list");

        var revoke = await _cli.RunAsync("tokens:revoke", name);
        var remote = await _cli.RunRemoteAsync(token, "apps:list");
        var after = await _cli.RunAsync("tokens:list", "--format", "json");

        Assert.Contains(name, listed.Stdout);
        Assert.DoesNotContain(token, listed.Stdout);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Equal(1, remote.ExitCode);
        Assert.Contains("authentication failed", remote.Stderr);
        Assert.DoesNotContain($"\"{name}\"", after.Stdout);
    }

    [Fact]
    public async Task Remote_ConfigRoundTrip_WorksLikeTheSocket()
    {
        var app = await _cli.CreateAppAsync();
        var token = (await _cli.RunAsync("tokens:create", PaasdCli.UniqueName("rt"))).Stdout.TrimEnd('\n');

        var set = await _cli.RunRemoteAsync(token, "config:set", app, "B=two words");
        var get = await _cli.RunRemoteAsync(token, "config:get", app, "B");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal("two words\n", get.Stdout);
    }

    [Fact]
    public async Task MissingSocket_ExitsOne_SayingPaasdIsUnreachable()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"{PaasdCli.UniqueName("nosock")}.sock");

        var result = await _cli.RunWithEnvironmentAsync(new Dictionary<string, string> { ["PAAS_SOCKET"] = socket }, "apps:list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($" !     cannot reach paasd at {socket}: is it running? (set PAAS_SOCKET or PAAS_URL)\n", result.Stderr);
    }

    [Fact]
    public async Task SocketWithoutPermission_SaysHowToGetAccess()
    {
        // paasd's socket is root/paas-group only; `nobody` is in neither, as an ordinary user would be.
        var result = await ProcessRunner.RunAsync("runuser", ["-u", "nobody", "--", paasd.PaasPath, "apps:list"],
            new Dictionary<string, string?> { ["PAAS_SOCKET"] = paasd.SocketPath, ["PAAS_URL"] = null, ["PAAS_TOKEN"] = null });

        Assert.True(result.ExitCode == 1, $"{result.ExitCode}: {result.StandardError}{result.StandardOutput}");
        Assert.Equal(
            $" !     permission denied on {paasd.SocketPath}: run paas as root or as a member of the paas group (or set PAAS_URL)\n",
            result.StandardError);
    }

    [Theory]
    [InlineData("apps:nope")]
    [InlineData("apps:create")]
    [InlineData("apps:info", "a", "b")]
    [InlineData("apps:list", "--format", "yaml")]
    public async Task UsageErrors_ExitTwo(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains(" !     Usage: paas", result.Stderr);
    }
}
