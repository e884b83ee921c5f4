using System.Net.Http.Json;
using Paas.Core.Contracts;
using Paas.Push.Tests.Deploys;
using Paas.Testing;

namespace Paas.Push.Tests;

/// <summary>
/// Issue 9's "heroku-buildpack-apt must work on the bookworm stack": a debootstrap bookworm stack
/// made through the API, then the apt-app sample (whose .buildpacks names Heroku's apt buildpack)
/// pushed onto it. apt reads that stack's own /etc/apt and dpkg database, fetches GNU hello from
/// Debian's mirror, and the deployed app answers through the router with hello's output. The
/// default stack goes back to `host` afterwards, for the rest of the collection.
/// </summary>
[Collection(PushCollection.Name)]
public sealed class AptOnBookwormStackTests(PushHost host)
{
    private const string Stack = "bookworm";

    [Fact]
    public async Task TheAptSample_BuildsAndServes_OnADebootstrapBookwormStack()
    {
        using var admin = host.Paasd.SocketClient();
        admin.Timeout = TimeSpan.FromMinutes(20);
        using (var created = await admin.PostAsJsonAsync(ApiRoutes.Stacks, new CreateStackRequest(Stack, "debootstrap"), ApiJson.Options))
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        try
        {
            await SetDefaultStackAsync(admin, Stack);
            var app = await host.CreateAppAsync("aptbw");
            using var work = await SampleApps.CheckOutAsync("apt-app");
            await work.CommitAsync("first");

            var push = await work.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(8));

            Assert.True(push.ExitCode == 0, push.StandardError);
            Assert.Contains($" on stack {Stack}", push.StandardError);
            Assert.Contains("remote:        Package sources: the stack's /etc/apt", push.StandardError);
            Assert.Matches(@"remote:        Fetched hello_[^ ]+_amd64\.deb", push.StandardError);
            Assert.Contains("remote: =====> Application deployed", push.StandardError);
            var (status, body) = await host.GetThroughRouterAsync(app);
            Assert.Equal(200, status);
            Assert.Contains("hello is /app/.apt/usr/bin/hello", body);
        }
        finally
        {
            await SetDefaultStackAsync(admin, "host");
        }
    }

    private static async Task SetDefaultStackAsync(HttpClient admin, string name)
    {
        using var response = await admin.PutAsJsonAsync(ApiRoutes.DefaultStack, new SetDefaultStackRequest(name), ApiJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
