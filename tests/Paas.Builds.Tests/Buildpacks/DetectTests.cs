namespace Paas.Builds.Tests.Buildpacks;

/// <summary>bin/detect in directory-name order, first match wins: each sample app gets its own buildpack.</summary>
public sealed class DetectTests
{
    [Theory]
    [InlineData("null-app", "null", "Null")]
    [InlineData("node-app", "nodejs", "Node.js")]
    [InlineData("python-app", "python", "Python")]
    [InlineData("go-app", "go", "Go")]
    [InlineData("static-app", "static", "Static HTML")]
    [InlineData("procfile-app", "procfile", "Procfile")]
    public async Task FirstMatchInOrder_IsTheSampleAppsBuildpack(string sampleApp, string expected, string printedName)
    {
        using var workspace = await BuildpackWorkspace.CreateAsync(sampleApp);

        var first = await FirstMatchAsync(workspace);

        Assert.NotNull(first);
        Assert.Equal(expected, first.Value.Buildpack);
        Assert.Equal(printedName, first.Value.Name);
    }

    [Fact]
    public async Task NoBuildpack_MatchesAnAppWithNothingToGoOn()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("procfile-app");
        File.Delete(Path.Combine(workspace.BuildDir, "Procfile"));

        Assert.Null(await FirstMatchAsync(workspace));
    }

    [Fact]
    public void Buildpacks_AreOrderedLanguagesBeforeStaticAndProcfileLast()
    {
        // A node, python or go app often has an index.html or public/: its language wins over
        // static, as in herokuish; null (an explicit opt-out) first, the catch-all Procfile last.
        Assert.Equal(["10-null", "20-nodejs", "30-python", "40-go", "50-static", "60-procfile"], BuiltInBuildpacks.InOrder());
    }

    private static async Task<(string Buildpack, string Name)?> FirstMatchAsync(BuildpackWorkspace workspace)
    {
        foreach (var dir in BuiltInBuildpacks.InOrder())
        {
            var buildpack = dir[(dir.IndexOf('-') + 1)..];
            var result = await workspace.RunAsync(buildpack, "detect");
            if (result.ExitCode == 0)
                return (buildpack, result.StandardOutput.Trim());
            Assert.Equal(1, result.ExitCode);
            Assert.Equal("", result.StandardError);
        }
        return null;
    }
}
