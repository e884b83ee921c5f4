using Paas.Core.Images;
using Paas.Core.Releases;
using Paas.Engine.Builds;
using Paas.Engine.Images;

namespace Paas.Engine.Tests.Images;

public sealed class ImageRetentionPlanTests
{
    private const long App = 7;

    [Fact]
    public void KeepsTheNewestDistinctImages_AndTheServingOne_AndDeletesTheRest()
    {
        var images = Enumerable.Range(1, 6).Select(Build).ToList();
        // v1..v6 one build each, v7 a config change on build 6's image; v2 serves (a rollback target kept).
        var releases = Enumerable.Range(1, 6).Select(n => Release(n, n)).Append(Release(7, 6)).ToList();

        var doomed = ImageRetentionPlan.Doomed(App, images, releases, serving: 2, retention: 3, new HashSet<string>(), new HashSet<long>());

        Assert.Equal(["sha256:1", "sha256:3"], doomed.Select(i => i.ManifestDigest).Order());
    }

    [Fact]
    public void NeverDeletes_AnImageAContainerUses_OrOneOfABuildStillRunning_OrAnotherReference()
    {
        var images = Enumerable.Range(1, 4).Select(Build).Append(new Image("app/7:imported", "sha256:99", ImageConfig.Empty, [])).ToList();
        var releases = new[] { Release(1, 1), Release(2, 2) };

        var doomed = ImageRetentionPlan.Doomed(App, images, releases, serving: 2, retention: 1,
            usedByContainers: new HashSet<string> { "sha256:1" }, unfinishedBuilds: new HashSet<long> { 4 });

        Assert.Equal(["sha256:3"], doomed.Select(i => i.ManifestDigest));
    }

    [Fact]
    public void AnAppThatIsGone_LosesEveryImageNoContainerUses()
    {
        var doomed = ImageRetentionPlan.Doomed(App, [Build(1), Build(2)], [], serving: null, retention: 0, new HashSet<string>(), new HashSet<long>());

        Assert.Equal(2, doomed.Count);
    }

    [Theory]
    [InlineData("app/7:build-12", 7L, 12L)]
    [InlineData("app/7:build-x", 7L, null)]
    [InlineData("app/70:build-12", 70L, null)]
    [InlineData("stack/host", null, null)]
    public void References_AreReadForTheirAppAndBuild(string reference, long? app, long? build)
    {
        Assert.Equal(app, ImageRetentionPlan.AppOf(reference));
        Assert.Equal(build, ImageRetentionPlan.BuildOf(App, reference));
    }

    private static Image Build(int n) => new(BuildPipeline.ImageReferenceFor(App, n), $"sha256:{n}", ImageConfig.Empty, []);

    private static Release Release(int version, int build) =>
        new(version, App, version, $"sha256:{build}", new Dictionary<string, string>(), new Dictionary<string, string>(), "", "t", DateTimeOffset.UnixEpoch);
}
