using System.Net;
using System.Text.Json;
using Paas.Core.Contracts;
using Paas.Push.Tests.Deploys;

namespace Paas.Push.Tests.Jobs;

/// <summary>Image retention after deploys, disk usage in apps:report, and the jobs dashboard's door.</summary>
[Collection(JobsCollection.Name)]
public sealed class ImageRetentionTests(JobsHost host)
{
    [Fact]
    public async Task OldImagesGo_TheNewestAndTheServingOneStay_AndARollbackToAGoneOneIsRefused()
    {
        var app = await host.CreateAppAsync("retain");
        await host.SetBuildAsync(app, "image-retention", "1");
        // v1's instance holds its image until it retires: after 1 s here, not Dokku's 60.
        await host.SendAsync(HttpMethod.Put, ApiRoutes.CheckSettings(app), new SetCheckSettingRequest("wait-to-retire", "1"));
        using var work = await VersionedApp.CreateAsync(1, VersionedApp.HealthCheckedAppJson);
        await host.PushAsync(work, app);
        var first = await ImagesAsync(app);
        await VersionedApp.SetVersionAsync(work, 2);
        await host.PushAsync(work, app);

        // v1's instance retired: the retention job runs, v1's image goes, v2's (newest, serving) stays.
        await EventuallyImagesAsync(app, images => images.Count == 1 && !images.Overlaps(first));
        var serving = await ImagesAsync(app);

        // v3 fails its health check: its release (the newest image) exists, v2 serves on. A retention
        // change asks for the job again: the newest image and the serving one stay, though that is 2 > 1.
        await VersionedApp.SetVersionAsync(work, 3, unhealthy: true);
        await host.PushAsync(work, app, expectSuccess: false);
        await host.SetBuildAsync(app, "image-retention", "1");
        await EventuallyImagesAsync(app, images => images.Count == 2 && images.IsSupersetOf(serving));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await ImagesAsync(app)).Count);
        Assert.Equal((200, "version=2 greeting= dyno=web.1\n"), await host.GetThroughRouterAsync(app));

        var rollback = await host.Paasd.PaasAsync(["releases:rollback", app, "v1"]);
        Assert.NotEqual(0, rollback.ExitCode);
        Assert.Contains("image of release v1", rollback.StandardError);
        Assert.Contains("was deleted", rollback.StandardError);

        var report = await host.GetAsync<AppReport>(ApiRoutes.App(app));
        Assert.NotNull(report.DiskUsage);
        Assert.True(report.DiskUsage.RepoBytes > 0, JsonSerializer.Serialize(report.DiskUsage));
        Assert.True(report.DiskUsage.ImageBytes > 0, JsonSerializer.Serialize(report.DiskUsage));
        var shown = await host.Paasd.PaasAsync(["apps:report", app]);
        Assert.Contains("Disk images", shown.StandardOutput);
    }

    [Fact]
    public async Task TheJobsDashboard_IsForAdministratorsOnly()
    {
        using var admin = host.Paasd.SocketClient();
        // Hangfire's schema is installed in the background after paasd starts: the page answers once it is.
        await DeployHost.EventuallyAsync(async () =>
        {
            using var ready = await admin.GetAsync("/hangfire");
            return ready.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(20), () => Task.FromResult("the jobs dashboard did not answer 200:\n" + host.Paasd.Log));
        using var page = await admin.GetAsync("/hangfire");
        using var anonymous = host.Paasd.TcpClient();
        using var refused = await anonymous.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Hangfire", await page.Content.ReadAsStringAsync());
        Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, refused.StatusCode.ToString());
    }

    /// <summary>The manifest digests of the app's build images (app/ID:build-N, build ids being unique across apps).</summary>
    private async Task<HashSet<string>> ImagesAsync(string app)
    {
        var builds = (await host.BuildsAsync(app)).Select(b => $":build-{b.Id}").ToList();
        var images = await host.GetAsync<ImageView[]>(ApiRoutes.Images);
        return images.Where(i => i.Reference.StartsWith("app/", StringComparison.Ordinal) && builds.Any(b => i.Reference.EndsWith(b, StringComparison.Ordinal)))
            .Select(i => i.ManifestDigest).ToHashSet();
    }

    private async Task EventuallyImagesAsync(string app, Func<HashSet<string>, bool> condition) =>
        await DeployHost.EventuallyAsync(async () => condition(await ImagesAsync(app)), TimeSpan.FromSeconds(20),
            async () => "images: " + string.Join(", ", await ImagesAsync(app)) + "\n" + host.Paasd.Log);
}
