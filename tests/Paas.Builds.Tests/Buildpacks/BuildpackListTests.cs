using System.Diagnostics;
using Paas.Builds.Tests.Support;
using Paas.Core.Builds;
using Paas.Core.Images;

namespace Paas.Builds.Tests.Buildpacks;

/// <summary>Explicit buildpack lists: .buildpacks, BUILDPACK_URL, app.json; git URLs fetched inside the build; export files.</summary>
[Collection(BuildCollection.Name)]
public sealed class BuildpackListTests(BuildHost host)
{
    [Fact]
    public async Task DotBuildpacks_RunsEachInOrder_ClonedInsideTheBuild_ExportReachesTheNext_WellKnownFallsBackToTheBuiltin()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string>
        {
            [".buildpacks"] = "# a git buildpack at a tag, then the null buildpack\nfile:///tmp/build/bps/exporter#v1\n\nhttps://github.com/ryandotsmith/null-buildpack.git\n",
        });
        await CommitExporterAsync(Path.Combine(build.SourceDir, "bps", "exporter"));
        var output = new RecordingBuildOutput();

        var result = await build.BuildAsync(output);

        Assert.Contains("-----> Fetching buildpack file:///tmp/build/bps/exporter#v1", output.Lines);
        Assert.Contains("-----> Exporter app detected (buildpack 1 of 2: file:///tmp/build/bps/exporter)", output.Lines);
        Assert.Contains(output.Lines, l => l.StartsWith("       exporter compiled from /tmp/buildpacks-work/remote-1", StringComparison.Ordinal));
        Assert.Contains("-----> Fetching buildpack https://github.com/ryandotsmith/null-buildpack.git", output.Lines);
        Assert.Contains("       Cannot fetch https://github.com/ryandotsmith/null-buildpack.git here; using the built-in null buildpack, its Paas equivalent", output.Lines);
        Assert.Contains("-----> null app detected (buildpack 2 of 2: null)", output.Lines);
        Assert.Contains("       null sees FROM_EXPORTER=[yes]", output.Lines);
        Assert.Equal("file:///tmp/build/bps/exporter,null", result.Image.Config.Labels[ImageLabels.Buildpacks]);
        // Only the last buildpack's bin/release counts: the exporter's web default is not used.
        Assert.Empty(result.ProcessTypes);
        Assert.Contains(" !     No process types found: the app will have nothing to run. Add a Procfile (web: <command>)", output.Lines);
        var layer = await SlugLayer.ReadAsync(host.Paths, result.Image);
        Assert.Equal("exporter was here\n", layer.Content("app/exported.txt"));
    }

    [Fact]
    public async Task BuildpackUrlConfigVar_IsUsed_WhenThereIsNoDotBuildpacks()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["hello.txt"] = "would be detected by hello" });
        await CommitExporterAsync(Path.Combine(build.SourceDir, "bps", "exporter"));
        var output = new RecordingBuildOutput();

        var result = await build.BuildAsync(output, new Dictionary<string, string> { ["BUILDPACK_URL"] = "file:///tmp/build/bps/exporter" });

        Assert.Contains("-----> Exporter app detected", output.Lines);
        Assert.DoesNotContain("-----> Hello app detected", output.Lines);
        Assert.Equal(new Dictionary<string, string> { ["web"] = "echo exporter web" }, result.ProcessTypes);
    }

    [Fact]
    public async Task AppJsonBuildpacks_AreUsed_HerokuShorthandMapsToTheBuiltin()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string>
        {
            ["hello.txt"] = "",
            ["app.json"] = "{\n  // Heroku's registry name\n  \"buildpacks\": [ { \"url\": \"heroku/procfile\" }, ],\n}\n",
        });
        var output = new RecordingBuildOutput();

        var e = await Assert.ThrowsAsync<BuildFailedException>(() => build.BuildAsync(output));

        // The fixtures have no procfile built-in: the mapping is checked before any container starts.
        Assert.Equal("buildpack 'heroku/procfile' from app.json maps to the built-in 'procfile' buildpack, which is not installed", e.Message);
        await build.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task UnfetchableBuildpack_FailsTheBuild_NamingIt()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { [".buildpacks"] = "file:///tmp/build/no-such-buildpack\n" });
        var output = new RecordingBuildOutput();

        var e = await Assert.ThrowsAsync<BuildFailedException>(() => build.BuildAsync(output));

        Assert.Equal("buildpack file:///tmp/build/no-such-buildpack could not be fetched", e.Message);
        await build.AssertNothingLeftAsync();
    }

    /// <summary>The exporter fixture as a git repo in the app's source, tagged v1 (fetched by the build from inside its container).</summary>
    private static async Task CommitExporterAsync(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(FixtureFiles.Path("exporter"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(FixtureFiles.Path("exporter"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetUnixFileMode(target, FixtureFiles.Executable);
        }

        await GitAsync(dir, "init", "--quiet");
        await GitAsync(dir, "add", ".");
        await GitAsync(dir, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", "exporter");
        await GitAsync(dir, "tag", "v1");
    }

    private static async Task GitAsync(string dir, params string[] arguments)
    {
        var psi = new ProcessStartInfo("git") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-C");
        psi.ArgumentList.Add(dir);
        foreach (var argument in arguments) psi.ArgumentList.Add(argument);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {await stderr}");
    }
}
