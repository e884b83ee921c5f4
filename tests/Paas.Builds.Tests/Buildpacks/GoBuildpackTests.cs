namespace Paas.Builds.Tests.Buildpacks;

public sealed class GoBuildpackTests(GoBuildCache cache) : IClassFixture<GoBuildCache>
{
    private static readonly TimeSpan FirstBuild = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task GoApp_BuildsItsBinary_AndServes()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("go-app", cache.Path);

        var compile = (await workspace.RunAsync("go", "compile", FirstBuild)).Succeeded();
        var release = (await workspace.RunAsync("go", "release")).Succeeded();

        Assert.Contains("-----> Building bin/go-app", compile);
        Assert.Equal("---\ndefault_process_types:\n  web: bin/go-app\n", release);
        using var app = await RunningApp.StartAsync(workspace, workspace.BuildDir, ProcessTypes.Web(workspace.BuildDir, release));
        Assert.Equal("Hello from the go sample\n", await app.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task PlainMainPackage_WithoutGoMod_Builds()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("go-app", cache.Path);
        File.Delete(Path.Combine(workspace.BuildDir, "go.mod"));

        var compile = (await workspace.RunAsync("go", "compile", FirstBuild)).Succeeded();
        var release = (await workspace.RunAsync("go", "release")).Succeeded();

        Assert.Contains("No go.mod", compile);
        Assert.Equal("---\ndefault_process_types:\n  web: bin/app\n", release);
        Assert.True(File.Exists(Path.Combine(workspace.BuildDir, "bin", "app")));
    }

    [Fact]
    public async Task WithoutGoMod_TheBinaryIsNamedByGodir()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("go-app", cache.Path);
        File.Delete(Path.Combine(workspace.BuildDir, "go.mod"));
        await File.WriteAllTextAsync(Path.Combine(workspace.BuildDir, ".godir"), "github.com/example/hello-web\n");

        var compile = (await workspace.RunAsync("go", "compile", FirstBuild)).Succeeded();

        Assert.Contains("-----> Building bin/hello-web", compile);
        Assert.True(File.Exists(Path.Combine(workspace.BuildDir, "bin", "hello-web")));
    }

    [Fact]
    public async Task AProcfileNamingTheBinaryOtherwise_RunsIt_ThroughALinkInBin()
    {
        // Dokku's own go test app: no go.mod, and `web: web` in its Procfile.
        using var workspace = await BuildpackWorkspace.CreateAsync("go-app", cache.Path);
        File.Delete(Path.Combine(workspace.BuildDir, "go.mod"));
        await File.WriteAllTextAsync(Path.Combine(workspace.BuildDir, "Procfile"), "web: web\nworker: sh -c 'sleep 1'\nclock: bin/app --clock\n");

        var compile = (await workspace.RunAsync("go", "compile", FirstBuild)).Succeeded();

        Assert.Contains("bin/web -> bin/app (the Procfile runs 'web')", compile);
        Assert.Equal("app", new FileInfo(Path.Combine(workspace.BuildDir, "bin", "web")).LinkTarget);
        // Neither a stack command (sh) nor a path gets a link.
        Assert.Equal(["app", "web"], Directory.GetFiles(Path.Combine(workspace.BuildDir, "bin")).Select(f => Path.GetFileName(f)).Where(f => !f!.StartsWith('.')).Order().ToArray());
        using var app = await RunningApp.StartAsync(workspace, workspace.BuildDir, "web");
        Assert.Equal("Hello from the go sample\n", await app.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task WithoutACCompiler_BuildsAStaticBinaryWithCgoOff()
    {
        // The debootstrap stack has no gcc; a config var CC naming no compiler stands in for that here.
        using var workspace = await BuildpackWorkspace.CreateAsync("go-app", cache.Path);
        await workspace.SetConfigAsync("CC", "/nonexistent/cc");

        var compile = (await workspace.RunAsync("go", "compile", FirstBuild)).Succeeded();

        Assert.Contains("CGO_ENABLED=0 (no C compiler on this stack)", compile);
        var binary = await File.ReadAllBytesAsync(Path.Combine(workspace.BuildDir, "bin", "go-app"));
        Assert.DoesNotContain("ld-linux", System.Text.Encoding.Latin1.GetString(binary));
    }

    [Fact]
    public async Task Compile_Fails_WithTheCompilersMessage()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("go-app", cache.Path);
        await File.AppendAllTextAsync(Path.Combine(workspace.BuildDir, "main.go"), "\nfunc broken() { undefinedName() }\n");

        var error = (await workspace.RunAsync("go", "compile", FirstBuild)).FailedWithError();

        Assert.Contains("undefined: undefinedName", error);
        Assert.Contains(" !     go build failed", error);
    }

    [Fact]
    public async Task Compile_Fails_Clearly_WhenModulesWouldBeDownloaded()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("go-app", cache.Path);
        var main = Path.Combine(workspace.BuildDir, "main.go");
        await File.WriteAllTextAsync(main, (await File.ReadAllTextAsync(main)).Replace("\"fmt\"", "\"fmt\"\n\t_ \"github.com/example/missing\""));

        var error = (await workspace.RunAsync("go", "compile", FirstBuild)).FailedWithError();

        Assert.Contains("module downloads are off (GOPROXY=off)", error);
        Assert.Contains("go mod vendor", error);
    }

    [Fact]
    public async Task AGoModWrittenByANewerGo_PatchLevelGoLineAndToolchain_BuildsWithTheStacksGo()
    {
        // `go mod init` with go 1.21+ writes `go 1.23.3` (and often a toolchain line), as Dokku's
        // zombies-buildpack test app has; go 1.19 refuses to read either. go.mod stays as committed.
        using var workspace = await BuildpackWorkspace.CreateAsync("go-app", cache.Path);
        var goMod = "module example.com/go-app\n\ngo 1.23.3\n\ntoolchain go1.23.4\n\ngodebug (\n\tdefault=go1.21\n)\n\ngodebug panicnil=1\n";
        await File.WriteAllTextAsync(Path.Combine(workspace.BuildDir, "go.mod"), goMod);

        var compile = (await workspace.RunAsync("go", "compile", FirstBuild)).Succeeded();

        Assert.Matches(@"go\.mod asks for go 1\.23\.3; building with the stack's go1\.\d+(\.\d+)?, reading go\.mod as go 1\.23 without toolchain/godebug lines", compile);
        Assert.Equal(goMod, await File.ReadAllTextAsync(Path.Combine(workspace.BuildDir, "go.mod")));
        using var app = await RunningApp.StartAsync(workspace, workspace.BuildDir, "bin/go-app");
        Assert.Equal("Hello from the go sample\n", await app.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task CodeNeedingTheNewerGoThatGoModAsksFor_Fails_NamingBothVersions()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("go-app", cache.Path);
        await File.WriteAllTextAsync(Path.Combine(workspace.BuildDir, "go.mod"), "module example.com/go-app\n\ngo 1.99.1\n");
        // A call the stack's go does not know stands in for a newer go's standard library.
        await File.AppendAllTextAsync(Path.Combine(workspace.BuildDir, "main.go"), "\nfunc newer() { undefinedInThisGo() }\n");

        var error = (await workspace.RunAsync("go", "compile", FirstBuild)).FailedWithError();

        Assert.Contains("undefined: undefinedInThisGo", error);
        Assert.Matches(@"go\.mod asks for go 1\.99\.1; this stack has go1\.\d+", error);
    }
}
