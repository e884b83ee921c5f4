using Paas.Builds.Tests.Support;
using Paas.Core.Builds;

namespace Paas.Builds.Tests.Building;

/// <summary>Builds that fail or are stopped: a clear reason, and no container, workspace or image left (the cache stays).</summary>
[Collection(BuildCollection.Name)]
public sealed class BuildFailureTests(BuildHost host)
{
    [Fact]
    public async Task NoBuildpackDetected_ListsEachOneTried_InOrder()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["README"] = "nothing to build" });
        var output = new RecordingBuildOutput();

        var e = await Assert.ThrowsAsync<BuildFailedException>(() => build.BuildAsync(output));

        Assert.Equal("no buildpack detected the app; tried hello, failing, sleeper, probe, null. Add a .buildpacks file or set BUILDPACK_URL", e.Message);
        var tried = output.Lines.SkipWhile(l => !l.Contains("No buildpack detected", StringComparison.Ordinal)).Skip(1).Take(5);
        Assert.Equal([" !       hello", " !       failing", " !       sleeper", " !       probe", " !       null"], tried);
        await build.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task NoBuildpackDetected_WithADockerfile_SaysTheDockerfileIsNotUsed()
    {
        // Dokku builds such an app with Docker; its users need to hear why it is not built here.
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["Dockerfile"] = "FROM node:4\nCMD npm start\n" });

        var e = await Assert.ThrowsAsync<BuildFailedException>(() => build.BuildAsync(new RecordingBuildOutput()));

        Assert.StartsWith("no buildpack detected the app; tried hello, failing, sleeper, probe, null. Add a .buildpacks file or set BUILDPACK_URL. The app's Dockerfile is not used: Paas builds with buildpacks only (no Docker)", e.Message);
        await build.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task CompileExit1_FailsTheBuild_NamingTheBuildpack_WithItsOutputShown()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["fail.txt"] = "" });
        var output = new RecordingBuildOutput();

        var e = await Assert.ThrowsAsync<BuildFailedException>(() => build.BuildAsync(output));

        Assert.Equal("compile of buildpack failing failed (exit 1)", e.Message);
        Assert.Contains("npm ERR! something went wrong", output.Lines);
        Assert.Contains(" !     Failed to compile app with buildpack failing (exit 1)", output.Lines);
        await build.AssertNothingLeftAsync();
        Assert.True(Directory.Exists(build.CacheDir), "the cache went with the failed build");
    }

    [Fact]
    public async Task Timeout_KillsTheBuild_SayingHowToRaiseIt()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["sleep.txt"] = "" });
        var output = new RecordingBuildOutput();

        var e = await Assert.ThrowsAsync<BuildFailedException>(() => build.BuildAsync(output, timeout: TimeSpan.FromSeconds(3)));

        Assert.Equal("build timed out after 3s; raise it with `paas builds:set demo timeout 6s`", e.Message);
        Assert.Contains("       sleeping", output.Lines);
        await build.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Cancellation_StopsTheBuild_LeavingNothing()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["sleep.txt"] = "" });
        var output = new RecordingBuildOutput();
        using var cancel = new CancellationTokenSource();

        var running = build.BuildAsync(output, ct: cancel.Token);
        await output.SeenAsync("sleeping").WaitAsync(TimeSpan.FromSeconds(60));
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
        await build.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task MalformedProcfile_FailsBeforeAnyContainerStarts()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["hello.txt"] = "", ["Procfile"] = "web: ok\nworker bin/worker\n" });
        var output = new RecordingBuildOutput();

        var e = await Assert.ThrowsAsync<BuildFailedException>(() => build.BuildAsync(output));

        Assert.StartsWith("Procfile is invalid: Procfile line 2 is not 'name: command'", e.Message);
        Assert.Empty(output.Lines);
        await build.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ProcfileSymlinkedToAHostFile_IsNotRead()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["hello.txt"] = "" });
        File.CreateSymbolicLink(Path.Combine(build.SourceDir, "Procfile"), "/etc/passwd");
        var output = new RecordingBuildOutput();

        // As the extractor reports it: a symlink is not a metadata file.
        var result = await build.Runner.BuildAsync(build.Request() with { Source = build.Source() with { Files = new Dictionary<string, string>() } }, output, CancellationToken.None);

        Assert.Equal(["web", "worker"], result.ProcessTypes.Keys);
        Assert.DoesNotContain(output.Lines, l => l.Contains("root:", StringComparison.Ordinal));
        Assert.DoesNotContain("root:", result.Image.Config.Labels[Core.Images.ImageLabels.ProcessTypes]);
        // Handing the source to the build user changed the link, not the host file it names.
        Assert.Equal("0:0", await HostStat.OwnerAsync("/etc/passwd"));
    }

    [Fact]
    public async Task UnknownStack_FailsWithAClearMessage()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["hello.txt"] = "" });

        var e = await Assert.ThrowsAsync<BuildFailedException>(() => build.Runner.BuildAsync(
            build.Request() with { StackImage = "stack/nonexistent" }, new RecordingBuildOutput(), CancellationToken.None));

        Assert.Contains("stack image stack/nonexistent does not exist", e.Message);
        await build.AssertNothingLeftAsync();
    }
}
