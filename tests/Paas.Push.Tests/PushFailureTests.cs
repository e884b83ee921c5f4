using Paas.Testing;

namespace Paas.Push.Tests;

/// <summary>
/// Pushes that must be rejected with a clear message, leaving the app as it was: the deploy branch
/// where it was, release v1 current, no new release.
/// </summary>
[Collection(PushCollection.Name)]
public sealed class PushFailureTests(PushHost host)
{
    [Theory]
    [InlineData("no-buildpack", "no buildpack detected the app; tried ")]
    [InlineData("compile-fails", "compile of buildpack ")]
    [InlineData("malformed-procfile", "Procfile is invalid: Procfile line 1 is not 'name: command'")]
    [InlineData("predeploy-fails", "predeploy failed (exit code 3)")]
    [InlineData("timeout", "build timed out after 1s")]
    public async Task ABadPush_IsRejectedWithTheReason_AndThePreviousReleaseStays(string breakage, string reason)
    {
        var app = await host.CreateAppAsync(breakage);
        using var work = await SampleApps.CheckOutAsync("procfile-app");
        var good = await work.CommitAsync("good");
        var first = await work.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(3));
        Assert.True(first.ExitCode == 0, first.StandardError);

        await BreakAsync(work, app, breakage);
        await work.CommitAsync(breakage);
        var push = await work.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(3));

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("remote:  !     " + reason, push.StandardError);
        // Once, as Dokku says it: the reason is not repeated after the build's own output.
        Assert.Single(push.StandardError.Split('\n'), line => line.Contains("remote:  !     " + reason, StringComparison.Ordinal));
        Assert.Contains("pre-receive hook declined", push.StandardError);
        var builds = await host.BuildsAsync(app);
        Assert.Equal(["failed", "succeeded"], builds.Select(b => b.Status));
        Assert.Contains(reason, builds[0].Error);
        Assert.Contains(reason, await host.BuildOutputAsync(app, builds[0].Id));
        var release = Assert.Single(await host.ReleasesAsync(app));
        Assert.Equal((1, good), (release.Version, release.Commit));
        var remote = await work.GitAsync(["ls-remote", host.Remote(app), "refs/heads/main"]);
        Assert.StartsWith(good, remote.StandardOutput);
    }

    [Fact]
    public async Task AProcfileLinkedToAHostFile_IsNeverRead()
    {
        using var secrets = new TestDirectory("paas-host-secret-");
        var marker = "host-secret-" + Guid.NewGuid().ToString("N");
        var secret = secrets.Combine("Procfile");
        await File.WriteAllTextAsync(secret, $"web: echo {marker}\n");
        File.SetUnixFileMode(secrets.Path, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(secret, (UnixFileMode)0b110_100_100);
        var app = await host.CreateAppAsync("symlink");
        using var work = await SampleApps.CheckOutAsync("static-app");
        work.Symlink("Procfile", secret);
        work.Symlink("app.json", "/etc/passwd");
        await work.CommitAsync("links");

        var push = await work.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(3));

        Assert.True(push.ExitCode == 0, push.StandardError);
        Assert.DoesNotContain(marker, push.StandardError);
        var build = (await host.BuildsAsync(app))[0];
        Assert.DoesNotContain(marker, await host.BuildOutputAsync(app, build.Id));
        var release = Assert.Single(await host.ReleasesAsync(app));
        var answer = await AppProbe.GetRootAsync(host.Paasd, release.ImageDigest!);
        Assert.Contains(SampleApps.Greeting("static-app"), answer);
        Assert.DoesNotContain(marker, answer);
    }

    private async Task BreakAsync(GitWorkRepo work, string app, string breakage)
    {
        switch (breakage)
        {
            case "no-buildpack":
                File.Delete(Path.Combine(work.Path, "Procfile"));
                await work.GitAsync(["rm", "-r", "--quiet", "--cached", "."]);
                Directory.Delete(Path.Combine(work.Path, "bin"), recursive: true);
                Directory.Delete(Path.Combine(work.Path, "www"), recursive: true);
                await work.WriteAsync("README.md", "nothing any buildpack builds\n");
                break;
            case "compile-fails":
                await work.WriteAsync("package.json", "{ \"name\": \"broken\", this is not json");
                break;
            case "malformed-procfile":
                await work.WriteAsync("Procfile", "web bin/web\n");
                break;
            case "predeploy-fails":
                await work.WriteAsync("app.json", """
                    {
                      // Dokku reads app.json leniently: comments are fine.
                      "scripts": { "dokku": { "predeploy": "echo predeploy-ran-as-$(id -u) && exit 3" } }
                    }
                    """);
                break;
            case "timeout":
                await host.SetBuildAsync(app, "timeout", "1s");
                await work.WriteAsync("package.json", "{ \"name\": \"slow\", \"version\": \"1.0.0\", \"scripts\": { \"build\": \"sleep 30\" } }");
                break;
        }
    }
}
