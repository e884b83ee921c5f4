using MudBlazor;
using Npgsql;
using Paas.Dashboard.AppPages.Overview;
using Paas.Engine.Apps;
using Paas.Engine.Builds;
using Paas.Dashboard.Tests.Shared;

namespace Paas.Dashboard.Tests.AppPages;

/// <summary>
/// Rebuild on the overview is ps:rebuild through the Engine: after a confirmation it builds the latest release's
/// commit again and links the new build's log. The fixture has no stack to build on, so the real pipeline refuses
/// the build right after making it, and the page says why.
/// </summary>
public sealed class RebuildActionTests : DashboardTestContext, IClassFixture<EngineClassFixture>
{
    private const string Commit = "89abcdef0123456789abcdef0123456789abcdef";
    private readonly EngineFixture _engine;

    public RebuildActionTests(EngineClassFixture engine) : base(engine) => _engine = engine.Engine;

    private async Task AppWithBuiltReleaseAsync(string name)
    {
        var appId = (await _engine.Get<AppOperations>().CreateAsync(EngineFixture.Admin, name, default)).Id;
        await using var connection = new NpgsqlConnection(_engine.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            """
            insert into releases (app_id, version, image_digest, config, process_types, description, created_by, commit_sha)
            values (@appId, 1, 'sha256:0000000000000000000000000000000000000000000000000000000000000000', '{}', '{"web":"run"}', 'Deploy 89abcde', 'admin', @commit);
            update apps set current_release = 1, serving_release = 1 where id = @appId
            """, connection);
        insert.Parameters.AddWithValue("appId", appId);
        insert.Parameters.AddWithValue("commit", Commit);
        await insert.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Rebuild_AfterConfirming_BuildsTheLatestCommitAgain_AndLinksItsLog()
    {
        await AppWithBuiltReleaseAsync("rebuilt-app");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<OverviewPage>(p => p.Add(o => o.App, "rebuilt-app"));
        cut.WaitForAssertion(() => Assert.False(cut.Find("button.rebuild-button").HasAttribute("disabled")));

        await cut.ActOnAsync("button.rebuild-button", e => e.Click());
        dialogs.WaitForAssertion(() => Assert.Contains("This builds commit 89abcdef0123 again", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Rebuild").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("a.rebuild-log-link")));
        var href = cut.Find("a.rebuild-log-link").GetAttribute("href")!;
        Assert.StartsWith("apps/rebuilt-app/builds/", href, StringComparison.Ordinal);
        var build = await _engine.Get<BuildOperations>().GetAsync(EngineFixture.Admin, "rebuilt-app", long.Parse(href.Split('/')[^1]), default);
        Assert.Equal(Commit, build.Commit);
        Assert.Equal("admin", build.CreatedBy);
        cut.WaitForAssertion(() => Assert.Contains(SnackbarMessages, m => m.StartsWith("Rebuild of rebuilt-app failed: there is no stack to build on", StringComparison.Ordinal)));
        Assert.Equal("failed", (await _engine.Get<BuildOperations>().GetAsync(EngineFixture.Admin, "rebuilt-app", build.Id, default)).Status);
    }

    [Fact]
    public async Task Cancelling_TheConfirmation_BuildsNothing()
    {
        await AppWithBuiltReleaseAsync("unrebuilt-app");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<OverviewPage>(p => p.Add(o => o.App, "unrebuilt-app"));
        cut.WaitForAssertion(() => Assert.False(cut.Find("button.rebuild-button").HasAttribute("disabled")));

        await cut.ActOnAsync("button.rebuild-button", e => e.Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Rebuild unrebuilt-app?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Rebuild unrebuilt-app?", dialogs.Markup));
        Assert.Empty(cut.FindAll("a.rebuild-log-link"));
        Assert.Empty(await _engine.Get<BuildOperations>().ListAsync(EngineFixture.Admin, "unrebuilt-app", 10, default));
    }

    [Fact]
    public async Task Rebuild_IsOff_UntilSomethingWasBuilt()
    {
        await _engine.Get<AppOperations>().CreateAsync(EngineFixture.Admin, "never-built", default);

        var cut = Render<OverviewPage>(p => p.Add(o => o.App, "never-built"));

        cut.WaitForAssertion(() => Assert.True(cut.Find("button.rebuild-button").HasAttribute("disabled")));
    }
}
