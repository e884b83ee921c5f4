using System.Net.Http.Json;
using System.Text.Json;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>What deploy tests ask of paasd and its router, on top of <see cref="PushHost"/>.</summary>
public static class DeployHost
{
    public static async Task<ProcessReport> ReportAsync(this PushHost host, string app) =>
        await host.GetAsync<ProcessReport>(ApiRoutes.Processes(app));

    public static async Task PushAsync(this PushHost host, GitWorkRepo work, string app, bool expectSuccess = true)
    {
        var push = await work.GitAsync(["push", host.Remote(app), "HEAD:main"], timeout: TimeSpan.FromMinutes(3));
        if (expectSuccess) Assert.True(push.ExitCode == 0, push.StandardError + "\n" + host.Paasd.Log);
        else Assert.True(push.ExitCode != 0, "the push should have been rejected:\n" + push.StandardError);
    }

    public static async Task<string> PushOutputAsync(this PushHost host, GitWorkRepo work, string app)
    {
        var push = await work.GitAsync(["push", host.Remote(app), "HEAD:main"], timeout: TimeSpan.FromMinutes(3));
        return push.StandardError;
    }

    public static async Task SendAsync(this PushHost host, HttpMethod method, string path, object? body = null)
    {
        using var admin = host.Paasd.SocketClient();
        admin.Timeout = TimeSpan.FromMinutes(3);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: ApiJson.Options);
        using var response = await admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static Task ScaleAsync(this PushHost host, string app, string type, int quantity) =>
        host.SendAsync(HttpMethod.Patch, ApiRoutes.Formation(app), new ScaleRequest(new Dictionary<string, int> { [type] = quantity }));

    public static Task SetConfigAsync(this PushHost host, string app, string key, string value, bool noRestart = false) =>
        host.SendAsync(HttpMethod.Patch, ApiRoutes.Config(app),
            new ConfigChangeRequest(new Dictionary<string, string> { [key] = value }, null, noRestart));

    /// <summary>GET / through the router as APP.paas.test: the status and body.</summary>
    public static async Task<(int Status, string Body)> GetThroughRouterAsync(this PushHost host, string app, string path = "/")
    {
        using var client = host.Paasd.RouterClient(app);
        using var response = await client.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds or <paramref name="timeout"/> passes (then fails with <paramref name="what"/>).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"not within {timeout.TotalSeconds:0} s: {await what()}");
            await Task.Delay(100);
        }
    }

    public static async Task<string> DescribeAsync(this PushHost host, string app) =>
        JsonSerializer.Serialize(await host.ReportAsync(app), new JsonSerializerOptions { WriteIndented = true });
}
