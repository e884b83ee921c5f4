namespace Paas.Builds.Tests.Buildpacks;

public sealed class NullBuildpackTests
{
    [Fact]
    public async Task NullApp_BuildsNothing_AndRunsItsProcfile()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("null-app");
        var before = Directory.GetFileSystemEntries(workspace.BuildDir, "*", SearchOption.AllDirectories).Order().ToList();

        var compile = (await workspace.RunAsync("null", "compile")).Succeeded();
        var release = (await workspace.RunAsync("null", "release")).Succeeded();

        Assert.Contains("-----> Nothing to build", compile);
        Assert.Equal(before, Directory.GetFileSystemEntries(workspace.BuildDir, "*", SearchOption.AllDirectories).Order());
        Assert.Equal("---\ndefault_process_types: {}\n", release);
        using var app = await RunningApp.StartAsync(workspace, workspace.BuildDir, ProcessTypes.Web(workspace.BuildDir, release));
        Assert.Contains("Hello from the null sample", await app.Client.GetStringAsync("/"));
    }
}
