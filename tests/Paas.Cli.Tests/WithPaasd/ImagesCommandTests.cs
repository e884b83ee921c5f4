using System.Formats.Tar;
using System.Text.Json;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

/// <summary>images:* against paasd, with the image of a host stack the test creates.</summary>
[Collection(PaasdCollection.Name)]
public sealed class ImagesCommandTests(PaasdFixture paasd) : IDisposable
{
    private readonly PaasdCli _cli = new(paasd);
    private readonly TestDirectory _directory = new("paas-cli-images-");

    [Fact]
    public async Task ExportToAFile_IsAnOciArchive_ThatImportsBack()
    {
        var image = await CreateStackImageAsync();
        var file = _directory.Combine("image.tar");
        var copy = $"copy/{image.Replace("stack/", "")}:v1";

        var exported = await _cli.RunAsync("images:export", image, "-o", file);
        var imported = await _cli.RunAsync("images:import", file, "--reference", copy);
        var list = await _cli.RunInProcessAsync("images:list", "--format", "json");
        var text = await _cli.RunInProcessAsync("images:list");

        Assert.True(exported.ExitCode == 0, exported.ToString());
        Assert.Equal($"-----> Exported {image} to {file}\n", exported.Stdout);
        var entries = TarEntryNames(file);
        Assert.Contains("oci-layout", entries);
        Assert.Contains("index.json", entries);
        Assert.False(File.Exists(file + ".partial"));
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.StartsWith($"-----> Imported {copy} (sha256:", imported.Stdout);
        var images = JsonSerializer.Deserialize<ImageView[]>(list.Stdout, ApiJson.Lenient)!;
        Assert.Equal(images.Single(i => i.Reference == image).ManifestDigest, images.Single(i => i.Reference == copy).ManifestDigest);
        Assert.StartsWith("=====> Images\n", text.Stdout);
        Assert.Contains($"\n       {copy} ", text.Stdout);
    }

    [Fact]
    public async Task ExportToRedirectedStdout_ImportsBackFromStdin()
    {
        var image = await CreateStackImageAsync();
        var copy = $"piped/{image.Replace("stack/", "")}:v2";

        var exported = await PaasBinaryProcess.RunAsync(paasd.BinDirectory, paasd.SocketPath, null, "images:export", image);
        var imported = await PaasBinaryProcess.RunAsync(paasd.BinDirectory, paasd.SocketPath, exported.Stdout, "images:import", "-", "--reference", copy);

        Assert.True(exported.ExitCode == 0, exported.Stderr);
        Assert.Equal("", exported.Stderr);
        var file = _directory.Combine("piped.tar");
        await File.WriteAllBytesAsync(file, exported.Stdout);
        Assert.Contains("index.json", TarEntryNames(file));
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        Assert.StartsWith($"-----> Imported {copy} (sha256:", System.Text.Encoding.UTF8.GetString(imported.Stdout));
    }

    [Fact]
    public async Task ExportOfAnUnknownImage_ExitsOne_AndLeavesNoFile()
    {
        var file = _directory.Combine("missing.tar");

        var result = await _cli.RunAsync("images:export", "no/such:image", "-o", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("image 'no/such:image' does not exist", result.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }

    [Fact]
    public async Task ExportIntoAMissingDirectory_ExitsOne_NamingThePath()
    {
        var image = await CreateStackImageAsync();
        var file = _directory.Combine("no-such-directory", "image.tar");

        var result = await _cli.RunInProcessAsync("images:export", image, "-o", file);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($" !     cannot write {file}: ", result.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    public async Task ImportOfGarbage_ExitsOne_SayingItIsNotAnOciImage(int megabytes)
    {
        // A large one too: paasd may answer before it has read the whole body.
        var file = _directory.Combine("garbage.tar");
        var garbage = "not a tar archive at all"u8.ToArray().Concat(new byte[megabytes * 1024 * 1024]).ToArray();
        await File.WriteAllBytesAsync(file, garbage);

        var result = await _cli.RunAsync("images:import", file, "--reference", "garbage:v1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not a usable OCI image", result.Stderr);
    }

    [Fact]
    public async Task ImportOfAMissingFile_ExitsOne_NamingIt()
    {
        var file = _directory.Combine("absent.tar");

        var result = await _cli.RunInProcessAsync("images:import", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"cannot read {file}", result.Stderr);
    }

    [Fact]
    public async Task Delete_RemovesAnUnusedImage_AndRefusesAStacksImage()
    {
        var image = await CreateStackImageAsync();
        var file = _directory.Combine("image.tar");
        var copy = $"todelete/{image.Replace("stack/", "")}:v1";
        Assert.Equal(0, (await _cli.RunAsync("images:export", image, "-o", file)).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("images:import", file, "--reference", copy)).ExitCode);

        var deleted = await _cli.RunInProcessAsync("images:delete", copy);
        var again = await _cli.RunInProcessAsync("images:delete", copy);
        var stack = await _cli.RunInProcessAsync("images:delete", image);
        var list = await _cli.RunInProcessAsync("images:list", "--format", "json");

        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal($"-----> Deleted image {copy}\n", deleted.Stdout);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"image '{copy}' does not exist", again.Stderr);
        Assert.Equal(1, stack.ExitCode);
        Assert.Contains("stacks:delete", stack.Stderr);
        var images = JsonSerializer.Deserialize<ImageView[]>(list.Stdout, ApiJson.Lenient)!;
        Assert.DoesNotContain(images, i => i.Reference == copy);
        Assert.Contains(images, i => i.Reference == image);
    }

    [Theory]
    [InlineData("Bad Ref", "invalid image reference 'Bad Ref'")]
    [InlineData("stack/host", "reserved for stacks")]
    public async Task Import_UnderABadOrAStackReference_ExitsOne_SayingWhy(string reference, string expected)
    {
        var file = _directory.Combine("any.tar");
        await File.WriteAllBytesAsync(file, new byte[10240]);

        var result = await _cli.RunAsync("images:import", file, "--reference", reference);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
    }

    private async Task<string> CreateStackImageAsync()
    {
        var name = "i" + Guid.NewGuid().ToString("N")[..10];
        var created = await _cli.RunInProcessAsync("stacks:create", name, "--from", "host");
        Assert.True(created.ExitCode == 0, created.ToString());
        return $"stack/{name}";
    }

    private static List<string> TarEntryNames(string file)
    {
        using var stream = File.OpenRead(file);
        using var reader = new TarReader(stream);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
            names.Add(entry.Name.TrimStart('.', '/'));
        return names;
    }

    public void Dispose() => _directory.Dispose();
}
