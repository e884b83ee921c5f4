using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// app.json <c>env</c> at a real push (Dokku's behaviour): the first deploy sets values and a generated
/// secret, later deploys keep what the user set and change only <c>sync</c> variables, and a required
/// variable with no value rejects the first push.
/// </summary>
[Collection(PushCollection.Name)]
public sealed class AppJsonEnvPushTests(PushHost host)
{
    private static string AppJson(string plain, string synced) => $$"""
        {
          "env": {
            "PLAIN": "{{plain}}",
            "KEY": { "description": "generated once", "generator": "secret" },
            "SYNCED": { "value": "{{synced}}", "sync": true },
            "WORKERS": { "generator": "echo 5" }
          }
        }
        """;

    [Fact]
    public async Task TheFirstDeploy_SetsTheVariables_LaterOnesChangeOnlySyncedOnes()
    {
        var app = await host.CreateAppAsync("appjsonenv");
        using var work = await VersionedApp.CreateAsync(1, AppJson("default", "v1"));

        var first = await host.PushOutputAsync(work, app);

        Assert.Contains("remote: -----> Setting config from app.json env: PLAIN, KEY, SYNCED", first);
        Assert.Contains("env.WORKERS.generator \"echo 5\" is not run", first);
        var seen = await RunAsync(app);
        Assert.Matches("^PLAIN=default KEY=[0-9a-f]{64} SYNCED=v1 WORKERS=$", seen);
        Assert.DoesNotContain(seen.Split(' ')[1][4..], first); // the secret is never printed

        Assert.Equal(0, (await host.Paasd.PaasAsync(["config:set", app, "PLAIN=mine"])).ExitCode);
        await VersionedApp.SetVersionAsync(work, 2, AppJson("changed", "v2"));
        var second = await host.PushOutputAsync(work, app);

        Assert.Contains("remote: -----> Setting config from app.json env: SYNCED", second);
        Assert.Equal($"PLAIN=mine KEY={seen.Split(' ')[1][4..]} SYNCED=v2 WORKERS=", await RunAsync(app));
    }

    [Fact]
    public async Task ARequiredVariableWithNoValue_RejectsTheFirstPush_NamingIt()
    {
        var app = await host.CreateAppAsync("appjsonreq");
        using var work = await VersionedApp.CreateAsync(1, """{ "env": { "DATABASE_URL": { "description": "the database" } } }""");

        var output = await host.PushOutputAsync(work, app);

        Assert.Contains("app.json env requires DATABASE_URL, which has no value", output);
        Assert.Contains("pre-receive hook declined", output);
        Assert.Empty(await host.ReleasesAsync(app));

        Assert.Equal(0, (await host.Paasd.PaasAsync(["config:set", app, "DATABASE_URL=postgres://db/app"])).ExitCode);
        await host.PushAsync(work, app);
        Assert.Equal((200, "version=1 greeting= dyno=web.1"), Trim(await host.GetThroughRouterAsync(app)));
    }

    private async Task<string> RunAsync(string app)
    {
        var run = await host.Paasd.PaasAsync(["run", app, "echo PLAIN=$PLAIN KEY=$KEY SYNCED=$SYNCED WORKERS=$WORKERS"]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        return run.StandardOutput.Trim();
    }

    private static (int, string) Trim((int Status, string Body) answer) => (answer.Status, answer.Body.Trim());
}
