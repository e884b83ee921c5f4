using System.Net;
using System.Net.Http.Json;
using Paas.Api.Tests.Git;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests;

[Collection(PaasdCollection.Name)]
public sealed class ChecksApiTests(PaasdFixture paasd)
{
    [Fact]
    public async Task ANewApp_HasDokkusDefaults()
    {
        using var client = paasd.SocketClient();
        var app = await CreateAppAsync(client);

        var report = await ReportAsync(client, app);

        Assert.Equal(app, report.App);
        Assert.Equal((false, 0, "none"), (report.Disabled.All, report.Disabled.Types.Count, report.Disabled.Text));
        Assert.Equal("none", report.Skipped.Text);
        Assert.Equal(
            [("wait-to-retire", 60), ("default-wait", 10), ("wait", 5), ("timeout", 30), ("attempts", 5)],
            report.Settings.Select(s => (s.Key, s.Value)));
        Assert.All(report.Settings, s => Assert.Equal((CheckSettingSource.Default, (int?)null, s.Default), (s.Source, s.App, s.Value)));
    }

    [Fact]
    public async Task AnAppsValue_WinsOverTheGlobalOne_WhichWinsOverTheDefault_AndUnsetGoesBack()
    {
        using var client = paasd.SocketClient();
        var app = await CreateAppAsync(client);
        var other = await CreateAppAsync(client);
        try
        {
            await PutAsync(client, ApiRoutes.GlobalCheckSettings, "wait-to-retire", "90");
            await PutAsync(client, ApiRoutes.CheckSettings(app), "wait-to-retire", " 15 ");

            var own = Setting(await ReportAsync(client, app), "wait-to-retire");
            var global = Setting(await ReportAsync(client, other), "wait-to-retire");
            await PutAsync(client, ApiRoutes.CheckSettings(app), "wait-to-retire", null);
            var unset = Setting(await ReportAsync(client, app), "wait-to-retire");
            await PutAsync(client, ApiRoutes.GlobalCheckSettings, "wait-to-retire", null);
            var back = Setting(await ReportAsync(client, app), "wait-to-retire");

            Assert.Equal(new CheckSettingView("wait-to-retire", 15, CheckSettingSource.App, 15, 90, 60), own);
            Assert.Equal(new CheckSettingView("wait-to-retire", 90, CheckSettingSource.Global, null, 90, 60), global);
            Assert.Equal((90, CheckSettingSource.Global), (unset.Value, unset.Source));
            Assert.Equal(new CheckSettingView("wait-to-retire", 60, CheckSettingSource.Default, null, null, 60), back);
        }
        finally
        {
            await client.PutAsJsonAsync(ApiRoutes.GlobalCheckSettings, new SetCheckSettingRequest("wait-to-retire", null), ApiJson.Options);
        }
    }

    [Theory]
    [InlineData("retire", "10", "unknown checks setting 'retire': use wait-to-retire, default-wait, wait, timeout, attempts")]
    [InlineData("default-wait", "ten", "default-wait 'ten' is not a whole number from 0 to 3600 seconds")]
    [InlineData("timeout", "0", "timeout '0' is not a whole number from 1 to 3600 seconds")]
    [InlineData("attempts", "101", "attempts '101' is not a whole number from 1 to 100")]
    [InlineData("wait-to-retire", "-1", "wait-to-retire '-1' is not a whole number from 0 to 86400 seconds")]
    public async Task ABadKeyOrValue_Is400_SayingWhatIsAllowed(string key, string value, string expected)
    {
        using var client = paasd.SocketClient();
        var app = await CreateAppAsync(client);

        var problem = await (await client.PutAsJsonAsync(ApiRoutes.CheckSettings(app), new SetCheckSettingRequest(key, value), ApiJson.Options))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(expected, problem.Detail());
        Assert.All((await ReportAsync(client, app)).Settings, s => Assert.Equal(CheckSettingSource.Default, s.Source));
    }

    [Fact]
    public async Task DisableSkipEnable_FollowDokku_AndEnablingOneTypeOfAllExceptsIt()
    {
        using var client = paasd.SocketClient();
        var app = await CreateAppAsync(client);

        var disabledWorker = await ChangeAsync(client, ApiRoutes.ChecksDisable(app), ["worker"]);
        var skipped = await ChangeAsync(client, ApiRoutes.ChecksSkip(app), ["web,worker"]);
        var allDisabled = await ChangeAsync(client, ApiRoutes.ChecksDisable(app), null);
        var webEnabled = await ChangeAsync(client, ApiRoutes.ChecksEnable(app), ["web"]);
        var allSkipped = await ChangeAsync(client, ApiRoutes.ChecksSkip(app), ["_all_"]);
        var enabled = await ChangeAsync(client, ApiRoutes.ChecksEnable(app), []);

        Assert.Equal(("worker", "none"), (disabledWorker.Disabled.Text, disabledWorker.Skipped.Text));
        // Skipping a type takes it off the disabled list: the two never overlap.
        Assert.Equal(("none", "web,worker"), (skipped.Disabled.Text, skipped.Skipped.Text));
        Assert.Equal(("_all_", "none"), (allDisabled.Disabled.Text, allDisabled.Skipped.Text));
        Assert.Equal((true, "_all_ except web"), (webEnabled.Disabled.All, webEnabled.Disabled.Text));
        Assert.Equal(["web"], webEnabled.Disabled.Except);
        Assert.Empty(webEnabled.Disabled.Types);
        Assert.Equal(("none", "_all_"), (allSkipped.Disabled.Text, allSkipped.Skipped.Text));
        Assert.Equal(("none", "none"), (enabled.Disabled.Text, enabled.Skipped.Text));
        Assert.Equal("none", (await ReportAsync(client, app)).Disabled.Text);
    }

    [Theory]
    [InlineData("Web", "process type 'Web' is invalid")]
    [InlineData("_all_,web", "_all_ means every process type: give it alone, or list the types")]
    public async Task BadProcessTypes_Are400(string types, string expected)
    {
        using var client = paasd.SocketClient();
        var app = await CreateAppAsync(client);

        var problem = await (await client.PostAsJsonAsync(ApiRoutes.ChecksSkip(app), new CheckProcessTypesRequest([types]), ApiJson.Options))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(expected, problem.Detail());
    }

    [Fact]
    public async Task Changes_AreAudited()
    {
        using var client = paasd.SocketClient();
        var app = await CreateAppAsync(client);

        await ChangeAsync(client, ApiRoutes.ChecksDisable(app), ["worker"]);
        await PutAsync(client, ApiRoutes.CheckSettings(app), "default-wait", "3");
        var events = await client.GetStringAsync(ApiRoutes.Events + $"?app={app}");

        Assert.Contains("checks:disable", events);
        Assert.Contains("checks:set", events);
    }

    [Fact]
    public async Task ADeveloper_ChangesGrantedApps_ButNotTheHostsSettings_AndSeesNoOtherApp()
    {
        using var admin = paasd.SocketClient();
        var granted = await new GitHttp(paasd).CreateAppAsync();
        var hidden = await CreateAppAsync(admin);
        using var developer = paasd.TcpClient(await new GitHttp(paasd).DeveloperTokenAsync(grantedApp: granted));

        var own = await developer.PostAsJsonAsync(ApiRoutes.ChecksSkip(granted), new CheckProcessTypesRequest(["worker"]), ApiJson.Options);
        var global = await developer.PutAsJsonAsync(ApiRoutes.GlobalCheckSettings, new SetCheckSettingRequest("default-wait", "1"), ApiJson.Options);
        var other = await developer.GetAsync(ApiRoutes.Checks(hidden));

        Assert.Equal("worker", (await own.ReadAsync<CheckSettingsView>()).Skipped.Text);
        Assert.Contains("only administrators", (await global.ProblemAsync(HttpStatusCode.Forbidden)).Detail());
        await other.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(CheckSettingSource.Default, Setting(await ReportAsync(admin, granted), "default-wait").Source);
    }

    [Fact]
    public async Task AnUnknownApp_Is404()
    {
        using var client = paasd.SocketClient();

        await (await client.GetAsync(ApiRoutes.Checks("no-such-app"))).ProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<string> CreateAppAsync(HttpClient client)
    {
        var app = Api.UniqueApp("checks");
        await client.CreateAppAsync(app);
        return app;
    }

    private static async Task<CheckSettingsView> ReportAsync(HttpClient client, string app) =>
        await (await client.GetAsync(ApiRoutes.Checks(app))).ReadAsync<CheckSettingsView>();

    private static CheckSettingView Setting(CheckSettingsView view, string key) => view.Settings.Single(s => s.Key == key);

    private static async Task PutAsync(HttpClient client, string path, string key, string? value)
    {
        using var response = await client.PutAsJsonAsync(path, new SetCheckSettingRequest(key, value), ApiJson.Options);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<CheckSettingsView> ChangeAsync(HttpClient client, string path, IReadOnlyList<string>? types) =>
        await (await client.PostAsJsonAsync(path, new CheckProcessTypesRequest(types), ApiJson.Options)).ReadAsync<CheckSettingsView>();
}
