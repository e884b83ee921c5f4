namespace Paas.Builds.Tests.Buildpacks;

/// <summary>
/// The apt buildpack's contract and its Aptfile checks, which fail before apt-get runs. Fetching
/// from Debian's mirror in a real build container is AptBuildpackPushTests' (Paas.Push.Tests).
/// </summary>
public sealed class AptBuildpackTests
{
    [Fact]
    public async Task Detect_NeedsAnAptfile_AndReleaseDeclaresNoProcessTypes()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("apt-app");

        Assert.Equal("Apt\n", (await workspace.RunAsync("apt", "detect")).Succeeded());
        Assert.Equal("---\ndefault_process_types: {}\n", (await workspace.RunAsync("apt", "release")).Succeeded());
        File.Delete(Path.Combine(workspace.BuildDir, "Aptfile"));
        Assert.Equal(1, (await workspace.RunAsync("apt", "detect")).ExitCode);
    }

    [Fact]
    public void AptIsNamedOnly_NotInTheDetectionOrder()
    {
        Assert.Contains("apt", BuiltInBuildpacks.All());
        Assert.DoesNotContain("apt", BuiltInBuildpacks.InOrder());
    }

    [Theory]
    [InlineData("hello\n# a comment\n\nBad_Name!\n", "Aptfile line 4: 'Bad_Name!' is neither a Debian package name nor the http(s) URL of a .deb")]
    [InlineData("  :repo:deb http://example.com/debian stable main\n", "Aptfile line 1: extra repositories (:repo:) are not supported")]
    [InlineData("hello ftp://example.com/x.deb\n", "Aptfile line 1: 'ftp://example.com/x.deb' is neither a Debian package name")]
    public async Task Compile_RefusesAnAptfileLine_SayingWhichAndWhy(string aptfile, string message)
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("apt-app");
        await File.WriteAllTextAsync(Path.Combine(workspace.BuildDir, "Aptfile"), aptfile);

        var error = (await workspace.RunAsync("apt", "compile")).FailedWithError();

        Assert.Contains(" !     " + message, error);
        Assert.False(Directory.Exists(Path.Combine(workspace.BuildDir, ".apt")));
    }

    [Fact]
    public async Task Compile_OfAnAptfileWithOnlyComments_InstallsNothing()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("apt-app");
        await File.WriteAllTextAsync(Path.Combine(workspace.BuildDir, "Aptfile"), "# nothing yet\r\n\r\n");

        var output = (await workspace.RunAsync("apt", "compile")).Succeeded();

        Assert.Contains(" !     The Aptfile lists no packages: nothing to install", output);
        Assert.False(Directory.Exists(Path.Combine(workspace.BuildDir, ".apt")));
    }
}
