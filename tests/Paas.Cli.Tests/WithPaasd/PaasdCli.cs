using Paas.Cli.Tests.InProcess;
using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

/// <summary>
/// The CLI pointed at the fixture's paasd, through its socket or its URL: the published <c>paas</c> as a
/// child process, or (where process start-up adds nothing but time) the same code in-process.
/// </summary>
public sealed class PaasdCli(PaasdFixture paasd)
{
    public Task<PaasResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    public Task<PaasResult> RunWithInputAsync(string? stdin, params string[] args) =>
        PaasProcess.RunAsync(paasd.BinDirectory, new Dictionary<string, string> { ["PAAS_SOCKET"] = paasd.SocketPath }, stdin, args);

    public async Task<PaasResult> RunInProcessAsync(params string[] args)
    {
        var run = await CliRun.RunAsync(new Dictionary<string, string> { ["PAAS_SOCKET"] = paasd.SocketPath }, "", args);
        return new PaasResult(run.ExitCode, run.Stdout, run.Stderr);
    }

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

    /// <summary>An app for a test to work on; made in-process, as making it is not what the test is about.</summary>
    public async Task<string> CreateAppAsync()
    {
        var name = UniqueName();
        var result = await RunInProcessAsync("apps:create", name);
        Assert.True(result.ExitCode == 0, result.ToString());
        return name;
    }
}
