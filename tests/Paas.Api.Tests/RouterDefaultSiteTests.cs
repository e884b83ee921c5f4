using System.Net;
using Paas.Testing;

namespace Paas.Api.Tests;

/// <summary>
/// A platform with no deployed app still answers on its http port, as Dokku's nginx default site
/// does: "No such app" (404), not a refused connection. Real paasd and paas-router, no apps.
/// </summary>
public sealed class RouterDefaultSiteTests(PaasdFixture paasd) : IClassFixture<PaasdFixture>
{
    [Fact]
    public async Task BeforeAnyDeploy_TheHttpPortAnswersNoSuchApp()
    {
        var created = await paasd.PaasAsync(["apps:create", "never-deployed"]);
        Assert.True(created.ExitCode == 0, created.StandardError);

        foreach (var host in new[] { "never-deployed", "no-such-app" })
        {
            var (status, body) = await GetEventuallyAsync(host);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Contains("No such app", body);
        }
    }

    /// <summary>The router binds the port once paasd's first snapshot reaches it, a moment after start.</summary>
    private async Task<(HttpStatusCode, string)> GetEventuallyAsync(string app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var client = paasd.RouterClient(app);
                using var response = await client.GetAsync("/");
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
