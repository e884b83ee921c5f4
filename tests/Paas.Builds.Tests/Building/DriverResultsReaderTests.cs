using Paas.Builds.Driver;
using Paas.Testing;

namespace Paas.Builds.Tests.Building;

/// <summary>The driver's results are the build's to write: links are not followed, sizes are bounded, fifos do not block.</summary>
public sealed class DriverResultsReaderTests
{
    [Fact]
    public void Read_ParsesStatusLines()
    {
        using var dir = new TestDirectory();
        File.WriteAllText(dir.Combine("status"), "tried\thello\ntried\tnull\nused\tnull\tNull\nfailed\tcompile\tnull\t3\ngarbage\n");
        File.WriteAllText(dir.Combine("release.yml"), "---\n");

        var results = DriverResultsReader.Read(dir.Path);

        Assert.Equal(["hello", "null"], results.Tried);
        Assert.Equal([("null", "Null")], results.Used);
        Assert.Equal(new DriverFailure("compile", "null", "3"), results.Failure);
        Assert.Equal("---\n", results.ReleaseYaml);
        Assert.Null(results.GeneratedProcfile);
    }

    [Fact]
    public void Read_DoesNotFollowLinks_ToHostFiles()
    {
        using var dir = new TestDirectory();
        File.CreateSymbolicLink(dir.Combine("Procfile"), "/etc/shadow");
        File.CreateSymbolicLink(dir.Combine("release.yml"), "/etc/passwd");

        var results = DriverResultsReader.Read(dir.Path);

        Assert.Null(results.GeneratedProcfile);
        Assert.Null(results.ReleaseYaml);
    }

    [Fact]
    public async Task Read_BoundsSizes_AndSkipsFifosAndDirectories()
    {
        using var dir = new TestDirectory();
        File.WriteAllText(dir.Combine("Procfile"), new string('x', 1 << 20));
        Directory.CreateDirectory(dir.Combine("status"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [dir.Combine("release.yml")])) await mkfifo.WaitForExitAsync();

        var results = await Task.Run(() => DriverResultsReader.Read(dir.Path)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(64 * 1024, results.GeneratedProcfile!.Length);
        Assert.Empty(results.Tried);
        Assert.True(string.IsNullOrEmpty(results.ReleaseYaml));
    }
}
