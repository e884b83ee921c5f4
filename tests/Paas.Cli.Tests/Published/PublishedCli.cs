using Paas.Testing;

namespace Paas.Cli.Tests.Published;

/// <summary>The published <c>paas</c> pointed at the fixture's paasd, through its socket or its URL.</summary>
public sealed class PublishedCli(PaasdFixture paasd)
{
    public Task<PaasResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    public Task<PaasResult> RunWithInputAsync(string? stdin, params string[] args) =>
        PaasProcess.RunAsync(paasd.BinDirectory, new Dictionary<string, string> { ["PAAS_SOCKET"] = paasd.SocketPath }, stdin, args);

    /// <summary>As a remote user: PAAS_URL, and PAAS_TOKEN when a token is given.</summary>
    public Task<PaasResult> RunRemoteAsync(string? token, params string[] args)
    {
        var environment = new Dictionary<string, string> { ["PAAS_URL"] = paasd.BaseUrl.ToString() };
        if (token is not null) environment["PAAS_TOKEN"] = token;
        return PaasProcess.RunAsync(paasd.BinDirectory, environment, null, args);
    }

    public Task<PaasResult> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        PaasProcess.RunAsync(paasd.BinDirectory, environment, null, args);

    public static string UniqueName(string prefix = "cli") => $"{prefix}-{Guid.NewGuid():N}"[..20];

    public async Task<string> CreateAppAsync()
    {
        var name = UniqueName();
        var result = await RunAsync("apps:create", name);
        Assert.True(result.ExitCode == 0, result.ToString());
        return name;
    }
}
