using Paas.Testing;

namespace Paas.Push.Tests;

/// <summary>
/// The apt-app sample (an Aptfile with GNU hello, which the stack lacks, and a .buildpacks naming
/// Heroku's apt buildpack then the Procfile one) pushed three times: the build fetches hello from
/// Debian's mirror through the build network's NAT and the running app answers with its output;
/// an unchanged second push reuses apt's lists and archives; an Aptfile naming no package fails
/// the build, saying which, and v2 stays current.
/// </summary>
[Collection(PushCollection.Name)]
public sealed class AptBuildpackPushTests(PushHost host)
{
    private const string Notice = "remote:        Cannot fetch https://github.com/heroku/heroku-buildpack-apt here; using the built-in apt buildpack, its Paas equivalent";

    [Fact]
    public async Task TheAptSample_FetchesItsPackage_RunsIt_ReusesTheCache_AndABadAptfileFailsTheBuild()
    {
        var app = await host.CreateAppAsync("apt");
        using var work = await SampleApps.CheckOutAsync("apt-app");
        await work.CommitAsync("first");

        var first = await work.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(8));

        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Contains(Notice, first.StandardError);
        Assert.Contains("remote: -----> Apt app detected (buildpack 1 of 2: apt)", first.StandardError);
        Assert.Contains("remote: -----> Updating the package lists (apt-get update)", first.StandardError);
        Assert.Matches(@"remote:        Get:\d+ http://deb\.debian\.org/debian \S+ amd64 hello amd64 ", first.StandardError);
        Assert.Matches(@"remote:        Fetched hello_[^ ]+_amd64\.deb", first.StandardError);
        // apt read the stack's own dpkg status: hello's one dependency, libc6, is the stack's.
        Assert.Contains("remote: -----> Fetching 1 package(s), 0 from the cache", first.StandardError);
        Assert.DoesNotContain("libc6_", first.StandardError);
        Assert.Contains("remote: =====> Application released as v1", first.StandardError);
        var build = Assert.Single(await host.BuildsAsync(app));
        var answer = await AppProbe.GetRootAsync(host.Paasd, build.ImageDigest!);
        Assert.Contains(SampleApps.Greeting("apt-app"), answer);
        // Only the Debian package prints these: it ran from .apt, found through .profile.d's PATH.
        Assert.Contains("hello is /app/.apt/usr/bin/hello", answer);
        Assert.Contains("hello (GNU Hello)", answer);
        Assert.Contains("greeted by the Debian package", answer);

        await work.WriteAsync("README", "the same Aptfile\n");
        var good = await work.CommitAsync("second");
        var second = await work.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(5));

        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.Contains("remote: -----> Reusing the package lists from the cache (Aptfile and package sources unchanged)", second.StandardError);
        Assert.Matches(@"remote:        Cached: hello_[^ ]+_amd64\.deb", second.StandardError);
        Assert.DoesNotContain("apt-get update", second.StandardError);
        Assert.DoesNotMatch(@"remote:        Get:\d+ ", second.StandardError);
        Assert.Contains("remote: =====> Application released as v2", second.StandardError);

        await work.WriteAsync("Aptfile", "hello\nno-such-package-paas\n");
        await work.CommitAsync("bad Aptfile");
        var bad = await work.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(5));

        Assert.NotEqual(0, bad.ExitCode);
        const string reason = "Aptfile: no installable package named no-such-package-paas in the stack's package sources";
        Assert.Contains("remote:  !     " + reason, bad.StandardError);
        Assert.Contains("pre-receive hook declined", bad.StandardError);
        var builds = await host.BuildsAsync(app);
        Assert.Equal(["failed", "succeeded", "succeeded"], builds.Select(b => b.Status));
        Assert.Contains(reason, await host.BuildOutputAsync(app, builds[0].Id));
        Assert.Equal([1, 2], (await host.ReleasesAsync(app)).Select(r => r.Version).Order());
        var remote = await work.GitAsync(["ls-remote", host.Remote(app), "refs/heads/main"]);
        Assert.StartsWith(good, remote.StandardOutput);
    }
}
