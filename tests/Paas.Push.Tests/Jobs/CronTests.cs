using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Paas.Core.Contracts;
using Paas.Push.Tests.Deploys;

namespace Paas.Push.Tests.Jobs;

/// <summary>app.json cron after a push: listed, run on demand with the output streamed, run on its own (output in the app's logs), gone with the app.</summary>
[Collection(JobsCollection.Name)]
public sealed class CronTests(JobsHost host)
{
    private const string AppJson = """
        {
          "cron": [
            { "command": "echo \"tick $DYNO $(cat VERSION)\"", "schedule": "* * * * *" },
            { "command": "echo failing >&2; exit 3", "schedule": "0 3 * * mon" }
          ]
        }
        """;

    [Fact]
    public async Task CronEntries_AreListed_RunOnDemandAndOnTheirOwn_AndGoWithTheApp()
    {
        var app = await host.CreateAppAsync("cron");
        using var work = await VersionedApp.CreateAsync(1, AppJson);
        await host.PushAsync(work, app);

        // Registered by a job after the deploy's switch: the next runs appear within seconds.
        IReadOnlyList<CronEntryView> entries = [];
        await DeployHost.EventuallyAsync(async () =>
        {
            entries = await host.GetAsync<CronEntryView[]>(ApiRoutes.Cron(app));
            return entries.Count == 2 && entries.All(e => e.NextRun is not null);
        }, TimeSpan.FromSeconds(20), async () => JsonSerializer.Serialize(entries) + "\n" + host.Paasd.Log);
        Assert.Equal((1, "* * * * *", "echo \"tick $DYNO $(cat VERSION)\""), (entries[0].Id, entries[0].Schedule, entries[0].Command));
        Assert.Equal((2, "0 3 * * mon"), (entries[1].Id, entries[1].Schedule));
        var listed = await host.Paasd.PaasAsync(["cron:list", app]);
        Assert.True(listed.ExitCode == 0, listed.StandardError);
        Assert.Contains("0 3 * * mon", listed.StandardOutput);

        var run = await host.Paasd.PaasAsync(["cron:run", app, "1"]);
        var failing = await host.Paasd.PaasAsync(["cron:run", app, "2"]);
        var unknown = await host.Paasd.PaasAsync(["cron:run", app, "9"]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal("tick cron.1 1\n", run.StandardOutput);
        Assert.Equal(3, failing.ExitCode);
        Assert.Contains("failing", failing.StandardError);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("no cron entry '9'", unknown.StandardError);

        // On its own (every 2 s here): the output goes to the app's log history as cron.
        var logs = "";
        await DeployHost.EventuallyAsync(async () =>
        {
            logs = (await host.Paasd.PaasAsync(["logs", app, "-p", "cron", "-n", "50"])).StandardOutput;
            return logs.Contains("tick cron.1 1");
        }, TimeSpan.FromSeconds(30), () => Task.FromResult("no scheduled run in the logs:\n" + logs + "\n" + host.Paasd.Log));

        // Each scheduled run marked itself started, so Hangfire handing it out again (paasd died in it) does not run it twice.
        await using (var database = new NpgsqlConnection(host.Paasd.DatabaseConnectionString))
        {
            await database.OpenAsync();
            await using var marked = new NpgsqlCommand("select count(*) from hangfire.jobparameter where name = 'paas-started'", database);
            Assert.True((long)(await marked.ExecuteScalarAsync())! > 0, "no scheduled run marked itself started");
        }

        // Destroyed: its recurring jobs are removed (Hangfire's dashboard, which admins see at /hangfire, no longer lists them).
        var recurring = Regex.Match(await RecurringJobsPageAsync(), @"cron:(\d+):2");
        Assert.True(recurring.Success, "the dashboard does not list the app's cron jobs");
        var destroyed = await host.Paasd.PaasAsync(["apps:destroy", app, "--force"]);
        Assert.True(destroyed.ExitCode == 0, destroyed.StandardError);
        await DeployHost.EventuallyAsync(async () => !(await RecurringJobsPageAsync()).Contains($"cron:{recurring.Groups[1].Value}:", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), RecurringJobsPageAsync);
    }

    private async Task<string> RecurringJobsPageAsync()
    {
        using var admin = host.Paasd.SocketClient();
        return await admin.GetStringAsync("/hangfire/recurring");
    }
}
