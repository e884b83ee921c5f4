using System.Text.Json;
using Paas.Builds.Tests.Support;
using Paas.Core.Containers;
using Paas.Core.Images;

namespace Paas.Builds.Tests.Building;

/// <summary>A buildpack build from source to an image that runs: detect, compile, release, slug layer.</summary>
[Collection(BuildCollection.Name)]
public sealed class BuildRunnerTests(BuildHost host)
{
    [Fact]
    public async Task Build_DetectsCompilesAndReleases_IntoTheStackPlusOneSlugLayer()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["hello.txt"] = "hi", ["lib/code.sh"] = "echo code" });
        var output = new RecordingBuildOutput();

        var result = await build.BuildAsync(output, new Dictionary<string, string> { ["GREETING"] = "hello world" });

        Assert.Contains("-----> Hello app detected", output.Lines);
        Assert.Contains("-----> Compiling hello", output.Lines);
        Assert.Contains("       EXPORTED GREETING=[hello world] STACK=[host] HOME=[/app] SOURCE_VERSION=[" + build.Commit + "] uid=[1000]", output.Lines);
        Assert.Contains("-----> Discovering process types", output.Lines);
        Assert.Contains("       default types for buildpack hello -> web, worker", output.Lines);
        Assert.Equal(new Dictionary<string, string> { ["web"] = "echo \"web of hello says $GREETING\"", ["worker"] = "sleep 1" }, result.ProcessTypes);

        var stack = await host.Images.FindAsync(BuildHost.HostStack, CancellationToken.None);
        Assert.Equal([.. stack!.LayerDigests, result.Image.LayerDigests[^1]], result.Image.LayerDigests);
        Assert.Equal(build.ImageReference, result.Image.Reference);
        var labels = result.Image.Config.Labels;
        Assert.Equal(result.ProcessTypes, JsonSerializer.Deserialize<Dictionary<string, string>>(labels[ImageLabels.ProcessTypes]));
        Assert.Equal(build.Commit, labels[ImageLabels.Commit]);
        Assert.Equal("hello", labels[ImageLabels.Buildpacks]);
        Assert.Equal("/app", result.Image.Config.WorkingDir);
        Assert.Equal("1000:1000", result.Image.Config.User);
        Assert.Equal(["/paas/start", "web"], result.Image.Config.Cmd);

        // The layer records the build user's files as container uid 1000 (not the host's shifted
        // ids), the launcher as root's; nothing else (no env dir, no driver) is in it.
        var layer = await SlugLayer.ReadAsync(host.Paths, result.Image);
        Assert.All(layer.Entries.Keys, name => Assert.True(name == "app" || name.StartsWith("app/") || name == "paas" || name.StartsWith("paas/"), name));
        foreach (var name in new[] { "app", "app/hello.txt", "app/lib", "app/lib/code.sh", "app/built.txt" })
            Assert.Equal((1000, 1000), (layer.Entries[name].Uid, layer.Entries[name].Gid));
        Assert.Equal("built by hello\n", layer.Content("app/built.txt"));
        Assert.Equal((0, 0), (layer.Entries["paas/start"].Uid, layer.Entries["paas/start"].Gid));
        Assert.Equal("web: echo \"web of hello says $GREETING\"\nworker: sleep 1\n", layer.Content("paas/Procfile"));
        Assert.Contains("HELLO_DEFAULT='from release'", layer.Content("paas/config_vars.sh"));
        Assert.DoesNotContain(layer.Entries.Values, e => e.Content?.Contains("hello world") == true);

        Assert.False(Directory.Exists(build.WorkspaceDir), "the workspace remains");
        Assert.Empty(await build.Runtime.ListAsync(CancellationToken.None));
        Assert.Equal($"{host.UserNamespace.ToHostUid(1000)}:{host.UserNamespace.ToHostGid(1000)}", await HostStat.OwnerAsync(build.CacheDir));
        Assert.StartsWith("cached ", await File.ReadAllTextAsync(Path.Combine(build.CacheDir, "hello-runs")));
    }

    [Fact]
    public async Task Output_StreamsWhileTheBuildRuns()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["hello.txt"] = "hi", ["wait-for-gate"] = "" });
        var output = new RecordingBuildOutput();

        var running = build.BuildAsync(output);
        await output.SeenAsync("waiting for the gate").WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(running.IsCompleted, "the build ended before the test opened the gate");
        Assert.Contains("-----> Hello app detected", output.Lines);
        Assert.DoesNotContain("       hello compile done", output.Lines);

        await File.WriteAllTextAsync(Path.Combine(build.SourceDir, "gate"), "");
        await running.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains("       hello compile done", output.Lines);
    }

    [Fact]
    public async Task BuiltImage_RunsItsWebCommand_AsTheAppUser_AfterTheProfile()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string>
        {
            ["hello.txt"] = "hi",
            ["Procfile"] = "# the app's own\nweb: echo \"$GREETING from $(pwd) as $(id -u) home=$HOME profile=$FROM_PROFILE default=$HELLO_DEFAULT\"\n",
            [".profile.d/10-greet.sh"] = "export FROM_PROFILE=\"${FROM_PROFILE:-sourced}\"\n",
        });
        var result = await build.BuildAsync(new RecordingBuildOutput());
        Assert.Equal(["web"], result.ProcessTypes.Keys);

        var run = new RecordingContainerOutput();
        var spec = new ContainerSpec(build.ImageReference, [], new Dictionary<string, string> { ["GREETING"] = "hi" }, null, null, "demo.web.1",
            new Dictionary<string, string> { [ContainerLabels.App] = "demo", [ContainerLabels.AppId] = build.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Core.Limits.ResourceLimits.Defaults, [], NetworkMode.None, []);
        var exit = await build.Runtime.RunAttachedAsync(spec, run, TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal(["hi from /app as 1000 home=/app profile=sourced default=from release"], run.Lines);
    }

    [Fact]
    public async Task EnvDir_HoldsEachConfigVarExactly_PlusSourceVersion()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["hello.txt"] = "hi" });
        var output = new RecordingBuildOutput();

        await build.BuildAsync(output, new Dictionary<string, string> { ["GREETING"] = "hello world", ["TRAILING"] = "line\n", ["EMPTY"] = "" });

        Assert.Contains("       ENVFILE GREETING bytes=11 value=[hello world]", output.Lines);
        Assert.Contains("       ENVFILE TRAILING bytes=5 value=[line]", output.Lines);
        Assert.Contains("       ENVFILE EMPTY bytes=0 value=[]", output.Lines);
        Assert.Contains($"       ENVFILE SOURCE_VERSION bytes={build.Commit.Length} value=[{build.Commit}]", output.Lines);
        Assert.Equal(4, output.Lines.Count(l => l.StartsWith("       ENVFILE ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheAppsDotEnv_ReachesTheBuild_UnderItsConfigVars()
    {
        // herokuish exports the app's committed .env before the buildpacks run; Dokku's test apps rely on it.
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string>
        {
            ["hello.txt"] = "hi",
            [".env"] = "# build settings\nexport FROM_DOTENV='quoted $HOME'\nSHARED=from-dotenv\n",
        });
        var output = new RecordingBuildOutput();

        await build.BuildAsync(output, new Dictionary<string, string> { ["SHARED"] = "from-config" });

        Assert.Contains("       The app's .env sets FROM_DOTENV, SHARED for the build, as herokuish does (config vars win)", output.Lines);
        Assert.Contains("       ENVFILE FROM_DOTENV bytes=12 value=[quoted $HOME]", output.Lines);
        Assert.Contains("       ENVFILE SHARED bytes=11 value=[from-config]", output.Lines);
    }

    [Fact]
    public async Task SlugIgnore_RemovesItsPatterns_BeforeCompile()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string>
        {
            ["hello.txt"] = "hi",
            [".slugignore"] = "# not needed at runtime\n*.psd\n/docs\ntmp/\n",
            ["secret.psd"] = "x",
            ["assets/big.psd"] = "x",
            ["assets/small.png"] = "x",
            ["docs/readme.md"] = "x",
            ["tmp/scratch"] = "x",
            ["keep.txt"] = "x",
        });
        var output = new RecordingBuildOutput();

        var result = await build.BuildAsync(output);

        Assert.Contains("-----> Removing files listed in .slugignore", output.Lines);
        Assert.Equal(["       SAW keep.txt"], output.Lines.Where(l => l.StartsWith("       SAW ", StringComparison.Ordinal)));
        var layer = await SlugLayer.ReadAsync(host.Paths, result.Image);
        Assert.Contains("app/assets/small.png", layer.Entries.Keys);
        Assert.Contains("app/keep.txt", layer.Entries.Keys);
        foreach (var gone in new[] { "app/secret.psd", "app/assets/big.psd", "app/docs", "app/tmp" })
            Assert.DoesNotContain(gone, layer.Entries.Keys);
    }

    [Fact]
    public async Task AbandonedWorkspaces_AreRemovedAtStart_CachesStay()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["hello.txt"] = "hi" });
        File.CreateSymbolicLink(Path.Combine(build.SourceDir, "host-etc"), "/etc");
        Directory.CreateDirectory(build.CacheDir);

        var removed = new BuildRunner(build.Options, build.Runtime, host.Images).RemoveAbandonedWorkspaces();

        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(build.WorkspaceDir));
        Assert.True(Directory.Exists(build.CacheDir));
        Assert.True(File.Exists("/etc/passwd"), "the removal followed a link out of the workspace");
    }

    [Fact]
    public async Task PurgeCache_EmptiesTheAppsCache()
    {
        await using var build = new AppBuild(host);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["hello.txt"] = "hi" });
        await build.BuildAsync(new RecordingBuildOutput());
        Assert.True(File.Exists(Path.Combine(build.CacheDir, "hello-runs")));

        await build.Runner.PurgeCacheAsync(build.AppId, CancellationToken.None);

        Assert.False(Directory.Exists(build.CacheDir));
    }
}
