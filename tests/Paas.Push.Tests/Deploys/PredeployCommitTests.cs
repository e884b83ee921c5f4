using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// Dokku's app.json <c>scripts.dokku.predeploy</c> changes the built image ("are changes committed to
/// the image at this phase: yes"), while the Procfile's <c>release</c> command's changes are not
/// persisted. Dokku's own test app touches /app/predeploy.test and expects `dokku run` to find it.
/// </summary>
[Collection(PushCollection.Name)]
public sealed class PredeployCommitTests(PushHost host)
{
    private const string AppJson = """
        { "scripts": { "dokku": { "predeploy": "echo baked > /app/predeploy.txt && rm /app/OBSOLETE" } } }
        """;

    [Fact]
    public async Task PredeployChanges_AreInTheReleasedImage_AndTheReleaseCommandsAreNot()
    {
        var app = await host.CreateAppAsync("predeploy");
        using var work = await VersionedApp.CreateAsync(1, AppJson, moreProcfile: "release: touch /app/release.txt\n");
        await work.WriteAsync("OBSOLETE", "deleted by predeploy\n");
        await work.CommitAsync("a file predeploy deletes");

        var output = await host.PushOutputAsync(work, app);

        Assert.Contains("remote: -----> Running predeploy: ", output);
        Assert.Contains($"remote: =====> Application deployed: http://{app}.{PaasdFixture.Domain}", output);
        Assert.Equal((200, "version=1 greeting= dyno=web.1"), Trim(await host.GetThroughRouterAsync(app)));
        var files = await host.Paasd.PaasAsync(["run", app, "cat /app/predeploy.txt; ls /app"]);
        Assert.True(files.ExitCode == 0, files.StandardError);
        var lines = files.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("baked", lines[0]);
        Assert.DoesNotContain("OBSOLETE", lines);
        Assert.DoesNotContain("release.txt", lines);
        Assert.Contains("Procfile", lines);
        var build = Assert.Single(await host.BuildsAsync(app));
        var release = Assert.Single(await host.ReleasesAsync(app));
        Assert.Equal(build.ImageDigest, release.ImageDigest);
    }

    private static (int, string) Trim((int Status, string Body) answer) => (answer.Status, answer.Body.Trim());
}
