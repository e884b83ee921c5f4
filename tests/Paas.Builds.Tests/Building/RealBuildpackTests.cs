using Paas.Builds.Tests.Support;
using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Core.Limits;
using Paas.Testing;

namespace Paas.Builds.Tests.Building;

/// <summary>The repo's own built-in buildpacks through the build runner: a sample app from tests/apps builds and serves.</summary>
[Collection(BuildCollection.Name)]
public sealed class RealBuildpackTests(BuildHost host)
{
    [Fact]
    public async Task StaticSample_IsDetectedAmongTheBuiltins_Built_AndItsImageServesIndexHtml()
    {
        await using var build = new AppBuild(host, host.Options(buildpacks: host.RealBuildpacks));
        await build.CopySourceAsync(Path.Combine(RepositoryRoot.Find(), "tests", "apps", "static-app"));
        var output = new RecordingBuildOutput();

        var result = await build.BuildAsync(output);

        Assert.Equal("static", result.Image.Config.Labels[ImageLabels.Buildpacks]);
        Assert.Contains("web", result.ProcessTypes.Keys);
        // No network needed: the web process and the request share the container's loopback.
        var run = new RecordingContainerOutput();
        var script = "PORT=5000 /paas/start web >/dev/null 2>&1 & for _ in $(seq 100); do curl -fsS http://127.0.0.1:5000/ && exit 0; sleep 0.1; done; exit 1";
        var spec = new ContainerSpec(build.ImageReference, ["/paas/exec", "bash", "-c", script], new Dictionary<string, string>(), null, null, "demo.run.1",
            new Dictionary<string, string> { [ContainerLabels.App] = "demo" }, ResourceLimits.Defaults, [], NetworkMode.None, []);
        var exit = await build.Runtime.RunAttachedAsync(spec, run, TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.True(exit.ExitCode == 0, string.Join('\n', run.Lines));
        var index = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "tests", "apps", "static-app", "index.html"));
        Assert.Contains(index.Split('\n')[0].Trim(), string.Join('\n', run.Lines));
    }
}
