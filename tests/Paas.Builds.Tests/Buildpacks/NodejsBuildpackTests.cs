using System.Text.RegularExpressions;

namespace Paas.Builds.Tests.Buildpacks;

public sealed partial class NodejsBuildpackTests
{
    [Fact]
    public async Task NodeApp_InstallsBuildsPrunesAndServes_ThenReusesTheCache()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("node-app");

        // First build: every package comes from the registry.
        var first = (await workspace.RunAsync("nodejs", "compile")).Succeeded();
        Assert.Contains("-----> Installing dependencies with npm ci", first);
        Assert.True(Downloaded(first) > 0, first);
        Assert.Contains("-----> Running npm run build", first);
        Assert.True(File.Exists(Path.Combine(workspace.BuildDir, "dist", "greeting.txt")), "npm run build did not run");
        Assert.True(Directory.Exists(Path.Combine(workspace.BuildDir, "node_modules", "express")));
        Assert.False(Directory.Exists(Path.Combine(workspace.BuildDir, "node_modules", "kleur")), "devDependencies were not pruned");

        var release = (await workspace.RunAsync("nodejs", "release")).Succeeded();
        Assert.Equal("---\ndefault_process_types:\n  web: npm start\n", release);
        using (var app = await RunningApp.StartAsync(workspace, workspace.BuildDir, ProcessTypes.Web(workspace.BuildDir, release)))
        {
            Assert.Equal("Hello from the node sample\n", await app.Client.GetStringAsync("/"));
            Assert.Contains("\"production\"", await app.Client.GetStringAsync("/env"));
        }

        // An unchanged second push: node_modules comes from the cache, npm installs nothing.
        await workspace.ReplaceBuildDirAsync("node-app");
        var second = (await workspace.RunAsync("nodejs", "compile")).Succeeded();
        Assert.Contains("-----> Restoring cache", second);
        Assert.Contains("Using cached node_modules", second);
        Assert.DoesNotContain("npm ci", second);
        Assert.DoesNotContain("added ", second);
        Assert.True(Directory.Exists(Path.Combine(workspace.BuildDir, "node_modules", "express")));

        // package.json changed: npm ci runs again, and takes every package from the npm cache.
        await workspace.ReplaceBuildDirAsync("node-app");
        var packageJson = Path.Combine(workspace.BuildDir, "package.json");
        await File.WriteAllTextAsync(packageJson, (await File.ReadAllTextAsync(packageJson)).Replace("express on $PORT", "express on the port"));
        var third = (await workspace.RunAsync("nodejs", "compile")).Succeeded();
        Assert.Contains("-----> Installing dependencies with npm ci", third);
        Assert.Equal(0, Downloaded(third));
    }

    [Fact]
    public async Task ConfigVars_AreExported_ExceptTheDenylist()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("node-app");
        await workspace.SetConfigAsync("NPM_CONFIG_PRODUCTION", "false");
        // Exported, these would break the build: npm not found, git pointed elsewhere.
        await workspace.SetConfigAsync("PATH", "/nonexistent");
        await workspace.SetConfigAsync("GIT_DIR", "/nonexistent");

        var compile = (await workspace.RunAsync("nodejs", "compile")).Succeeded();

        Assert.Contains("Keeping devDependencies (NPM_CONFIG_PRODUCTION=false)", compile);
        Assert.True(Directory.Exists(Path.Combine(workspace.BuildDir, "node_modules", "kleur")), "devDependencies were pruned");
    }

    [Fact]
    public async Task Compile_Fails_WhenPackageJsonIsBroken()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("node-app");
        await File.WriteAllTextAsync(Path.Combine(workspace.BuildDir, "package.json"), """{ "name": "node-app", """);

        var error = (await workspace.RunAsync("nodejs", "compile")).FailedWithError();

        Assert.Contains("package.json is not valid JSON", error);
        Assert.False(Directory.Exists(Path.Combine(workspace.BuildDir, "node_modules")));
    }

    private static int Downloaded(string output)
    {
        var match = DownloadedLine().Match(output);
        Assert.True(match.Success, $"no 'Packages downloaded from the registry' line in:\n{output}");
        return int.Parse(match.Groups[1].Value);
    }

    [GeneratedRegex(@"^       Packages downloaded from the registry: (\d+)", RegexOptions.Multiline)]
    private static partial Regex DownloadedLine();
}
