using System.Net;
using System.Net.Sockets;
using Paas.Testing;

namespace Paas.Api.Tests;

/// <summary>Expected failures at start print one line naming the cause and exit 1 — no stack trace.</summary>
[Collection(PaasdCollection.Name)]
public sealed class PaasdStartupTests(PaasdFixture paasd) : IDisposable
{
    private readonly TestDirectory _dir = new();

    private async Task<ProcessRunner.Result> RunPaasdAsync(Dictionary<string, string?> overrides, params string[] args)
    {
        var env = paasd.Environment();
        env["PAAS_SOCKET"] = _dir.Combine("paasd.sock");
        env["PAAS_CONFIG"] = _dir.Combine("empty.json");
        await File.WriteAllTextAsync(env["PAAS_CONFIG"]!, "{}");
        foreach (var (key, value) in overrides) env[key] = value;
        return await ProcessRunner.RunAsync(paasd.PaasdPath, args, env, timeout: TimeSpan.FromSeconds(60));
    }

    private static void AssertOneLineFailure(ProcessRunner.Result result, string expected)
    {
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("paasd: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task DatabaseUnreachable_FailsWithOneLine()
    {
        var result = await RunPaasdAsync(new() { ["PAAS_DATABASE"] = $"Host={_dir.Path};Port=1;Username=nobody;Timeout=2" }, "migrate");

        AssertOneLineFailure(result, "PAAS_DATABASE");
    }

    [Theory]
    [InlineData("PAAS_METRICS_INTERVAL", "0", "from 1 to 3600")]
    [InlineData("PAAS_METRICS_RAW_MINUTES", "1h", "from 1 to 1440")]
    [InlineData("PAAS_METRICS_RETENTION_DAYS", "-3", "from 1 to 366")]
    public async Task BadMetricsSetting_FailsWithOneLineNamingIt(string key, string value, string expected)
    {
        var result = await RunPaasdAsync(new() { [key] = value }, "migrate");

        AssertOneLineFailure(result, $"{key} '{value}' must be a whole number {expected}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3601")]
    [InlineData("30s")]
    public async Task BadDashboardRevalidationInterval_FailsWithOneLineNamingIt(string value)
    {
        var result = await RunPaasdAsync(new() { ["PAAS_DASHBOARD_REVALIDATE_SECONDS"] = value }, "migrate");

        AssertOneLineFailure(result, $"PAAS_DASHBOARD_REVALIDATE_SECONDS '{value}' must be a whole number from 1 to 3600");
    }

    [Fact]
    public async Task MissingDatabaseSetting_FailsWithOneLine()
    {
        var result = await RunPaasdAsync(new() { ["PAAS_DATABASE"] = null });

        AssertOneLineFailure(result, "PAAS_DATABASE is not set");
    }

    [Fact]
    public async Task BadConfigFile_FailsWithOneLine()
    {
        var file = _dir.Combine("bad.json");
        await File.WriteAllTextAsync(file, "{ \"PAAS_ROOT\": ");

        var result = await RunPaasdAsync(new() { ["PAAS_CONFIG"] = file });

        AssertOneLineFailure(result, "not valid JSON");
    }

    [Theory]
    [InlineData("PAAS_HTTP_PORT", "99999")]
    [InlineData("PAAS_ROOT", "relative/dir")]
    [InlineData("PAAS_API_URLS", "ftp://127.0.0.1:21")]
    [InlineData("PAAS_API_URLS", "https://127.0.0.1:8443")]
    [InlineData("PAAS_API_CERT", "/nonexistent/api.crt")]
    [InlineData("PAAS_DOMAIN", "not a domain")]
    public async Task BadSetting_FailsWithOneLineNamingIt(string key, string value)
    {
        var result = await RunPaasdAsync(new() { [key] = value });

        AssertOneLineFailure(result, key);
    }

    [Fact]
    public async Task PortTaken_FailsWithOneLine()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await RunPaasdAsync(new() { ["PAAS_API_URLS"] = $"http://127.0.0.1:{port}" });

        AssertOneLineFailure(result, "already in use");
    }

    [Fact]
    public async Task Migrate_AppliesTheSchemaOnce_AndIsANoOpTheSecondTime()
    {
        var result = await RunPaasdAsync(new(), "migrate");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("applied migration", result.StandardOutput);
    }

    public void Dispose() => _dir.Dispose();
}
