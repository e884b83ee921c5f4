using Paas.Testing;
using System.Text.RegularExpressions;

namespace Paas.Push.Tests;

/// <summary>Each sample app pushed with the real git client over HTTP: built by its buildpack in a build container, released, and its image serves.</summary>
[Collection(PushCollection.Name)]
public sealed partial class SampleAppPushTests(PushHost host)
{
    [Theory]
    [InlineData("null-app", "null")]
    [InlineData("procfile-app", "procfile")]
    [InlineData("static-app", "static")]
    [InlineData("python-app", "python")]
    [InlineData("go-app", "go")]
    [InlineData("node-app", "Node.js")]
    public async Task ASampleApp_IsBuiltReleasedAndServes(string sample, string buildpack)
    {
        var app = await host.CreateAppAsync(sample.Replace("-app", ""));
        using var work = await SampleApps.CheckOutAsync(sample);
        var commit = await work.CommitAsync("first");

        var push = await work.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(5));

        Assert.True(push.ExitCode == 0, push.StandardError);
        // git relays the build's lines as they come, prefixed "remote: ".
        Assert.Matches(DetectedLine(buildpack), push.StandardError);
        Assert.Contains("remote: =====> Application released as v1", push.StandardError);

        var build = Assert.Single(await host.BuildsAsync(app));
        Assert.Equal(("succeeded", commit, "main", 1), (build.Status, build.Commit, build.Branch, build.ReleaseVersion));
        var log = await host.BuildOutputAsync(app, build.Id);
        Assert.Matches(DetectedLine(buildpack), log);
        var release = Assert.Single(await host.ReleasesAsync(app));
        Assert.Equal((1, commit, (long?)build.Id, build.ImageDigest), (release.Version, release.Commit, release.BuildId, release.ImageDigest));

        var answer = await AppProbe.GetRootAsync(host.Paasd, build.ImageDigest!);
        Assert.Contains(SampleApps.Greeting(sample), answer);
    }

    private static Regex DetectedLine(string buildpack) => new($"-----> .*{Regex.Escape(buildpack)}.*(app|detected)", RegexOptions.IgnoreCase);
}
