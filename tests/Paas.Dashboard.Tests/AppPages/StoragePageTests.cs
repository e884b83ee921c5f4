using Paas.Dashboard.AppPages.Settings;
using Paas.Engine.Apps;
using Paas.Engine.Storage;

namespace Paas.Dashboard.Tests.AppPages;

/// <summary>The Storage page: the app's mounts through the same Engine operations as storage:mount and storage:unmount.</summary>
public sealed class StoragePageTests : DashboardTestContext, IClassFixture<EngineClassFixture>
{
    private readonly EngineFixture _engine;

    public StoragePageTests(EngineClassFixture engine) : base(engine) => _engine = engine.Engine;

    [Fact]
    public async Task Mounts_AreAddedAndListed_AndAHostPathIsRefused()
    {
        var app = "storage-" + Guid.NewGuid().ToString("N")[..8];
        await _engine.Get<AppOperations>().CreateAsync(EngineFixture.Admin, app, default);
        var cut = Render<StoragePage>(p => p.Add(s => s.App, app));
        cut.WaitForAssertion(() => Assert.Contains("No storage mounts", cut.Markup));

        cut.Find(".add-items-input input").Input("uploads:/app/uploads");
        cut.Find("button.add-items-button").Click();
        cut.WaitForAssertion(() => Assert.Contains("uploads:/app/uploads", cut.Find(".storage-list").TextContent));

        cut.Find(".add-items-input input").Input("/etc:/app/etc");
        cut.Find("button.add-items-button").Click();
        cut.WaitForAssertion(() => Assert.Contains(SnackbarMessages, m => m.Contains("host paths are not accepted", StringComparison.Ordinal)));
        Assert.Equal(["uploads:/app/uploads"], (await _engine.Get<StorageOperations>().ListAsync(EngineFixture.Admin, app, default)).Select(m => m.ToString()));
    }
}
