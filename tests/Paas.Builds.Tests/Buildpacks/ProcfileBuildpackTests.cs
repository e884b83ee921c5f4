namespace Paas.Builds.Tests.Buildpacks;

public sealed class ProcfileBuildpackTests
{
    [Fact]
    public async Task ProcfileApp_ListsItsProcessTypes_AndRunsAsItIs()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("procfile-app");

        var compile = (await workspace.RunAsync("procfile", "compile")).Succeeded();
        var release = (await workspace.RunAsync("procfile", "release")).Succeeded();

        Assert.Contains("       Process types: web", compile);
        Assert.Equal("---\ndefault_process_types: {}\n", release);
        using var app = await RunningApp.StartAsync(workspace, workspace.BuildDir, ProcessTypes.Web(workspace.BuildDir, release));
        Assert.Contains("Hello from the procfile sample", await app.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task Compile_Fails_WhenTheProcfileNamesNoProcessType()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("procfile-app");
        await File.WriteAllTextAsync(Path.Combine(workspace.BuildDir, "Procfile"), "# nothing here\n");

        var error = (await workspace.RunAsync("procfile", "compile")).FailedWithError();

        Assert.Contains("names no process types", error);
    }
}
