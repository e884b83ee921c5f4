using Paas.Testing;

namespace Paas.Builds.Tests.Buildpacks;

public sealed class PythonBuildpackTests
{
    [Fact]
    public async Task PythonApp_RunsFromItsVirtualenv_WhereverTheSlugMoves()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("python-app");

        var compile = (await workspace.RunAsync("python", "compile")).Succeeded();
        var release = (await workspace.RunAsync("python", "release")).Succeeded();

        Assert.Contains("-----> Creating a virtualenv in .venv", compile);
        Assert.Contains("-----> Installing requirements with pip", compile);
        Assert.Equal("---\ndefault_process_types: {}\n", release);

        // The slug runs somewhere else than BUILD_DIR (/app): move it, as the build does.
        var appDir = Path.Combine(Path.GetDirectoryName(workspace.BuildDir)!, "app");
        Directory.Move(workspace.BuildDir, appDir);
        using (var app = await RunningApp.StartAsync(workspace, appDir, ProcessTypes.Web(appDir, release)))
        {
            Assert.Equal("Hello from the python sample\n", await app.Client.GetStringAsync("/"));
            var env = await app.Client.GetStringAsync("/env");
            Assert.Contains($"\"prefix\": \"{appDir}/.venv\"", env);
        }
        var pip = await ProcessRunner.RunAsync(Path.Combine(appDir, ".venv", "bin", "pip"), ["--version"]);
        Assert.True(pip.ExitCode == 0, pip.StandardError);
        Assert.Contains($"{appDir}/.venv/lib", pip.StandardOutput);

        // Unchanged second push: the venv comes from the cache.
        await workspace.ReplaceBuildDirAsync("python-app");
        var second = (await workspace.RunAsync("python", "compile")).Succeeded();
        Assert.Contains("Using the cached virtualenv", second);
        Assert.True(File.Exists(Path.Combine(workspace.BuildDir, ".venv", "bin", "python")));
    }

    [Fact]
    public async Task Compile_Fails_ForAPipfileWithoutRequirements()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("python-app");
        File.Move(Path.Combine(workspace.BuildDir, "requirements.txt"), Path.Combine(workspace.BuildDir, "Pipfile"));

        var error = (await workspace.RunAsync("python", "compile")).FailedWithError();

        Assert.Contains("pipenv requirements > requirements.txt", error);
    }
}
