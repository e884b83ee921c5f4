using Paas.Core.Images;
using Paas.Core.Stacks;
using Paas.Runtime.Stacks;
using Paas.Runtime.Tests.Images;
using Paas.Runtime.Tests.Stacks;

namespace Paas.Runtime.Tests.Security;

/// <summary>
/// Host paths reach a container only from stacks paasd built: an image's labels (which an
/// imported archive controls) name nothing, and an import cannot take a stack's reference.
/// </summary>
public sealed class StackProvenanceTests : IDisposable
{
    private const string OldBindsLabel = "paas.stack.binds";

    private readonly TempRuntimeRoot _root = new();
    private readonly StackStore _stacks;

    public StackProvenanceTests() => _stacks = new StackStore(_root.Paths, _root.Store);

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task ImportedImage_WithTheBindsLabel_GetsOnlyItsStacksBinds_AndItsContainerSeesNeitherShadowNorRoot()
    {
        Assert.True(File.Exists("/etc/shadow") && Directory.EnumerateFileSystemEntries("/root").Any(), "the test needs the host's /etc/shadow and a non-empty /root");
        await _stacks.CreateAsync("host", StackSource.Host, CancellationToken.None);
        var attacker = await ArchiveOnTheHostStackAsync(new Dictionary<string, string> { [OldBindsLabel] = "/usr,/etc,/root,/run" });

        var image = await _root.Store.ImportAsync(new MemoryStream(attacker), "attacker/app:v1", CancellationToken.None);
        var plan = await _root.Store.ResolveRootfsAsync(image.Reference, CancellationToken.None);
        var stackPlan = await _root.Store.ResolveRootfsAsync("stack/host", CancellationToken.None);

        Assert.Equal("/usr,/etc,/root,/run", image.Config.Labels[OldBindsLabel]); // kept as data, and ignored
        Assert.Equal(stackPlan.BindMounts, plan.BindMounts);
        Assert.DoesNotContain(plan.BindMounts, b => b.Source is "/etc" or "/root" or "/run");
        var (exit, output) = RuncSmoke.Run(plan, _root.NewDir("runc"), 0, 0,
            "/bin/sh", "-c", "if [ -e /etc/shadow ]; then echo SHADOW-VISIBLE; fi; echo root:; ls -A /root");
        Assert.True(exit == 0, $"the container failed ({exit}): {output}");
        Assert.DoesNotContain("SHADOW-VISIBLE", output);
        Assert.Equal("root:", output.Trim()); // the layer's own empty /root, not the host's
    }

    [Fact]
    public async Task ImageWithTheBindsLabel_AndNoStackUnderIt_GetsNoBindsAtAll()
    {
        var archive = new OciArchiveBuilder().Layer(gzip: true, OciArchiveBuilder.File("app", "x"));
        archive.Labels[OldBindsLabel] = "/etc,/root";

        await _root.Store.ImportAsync(new MemoryStream(archive.Build()), null, CancellationToken.None);
        var plan = await _root.Store.ResolveRootfsAsync("imported/app:v1", CancellationToken.None);

        Assert.Empty(plan.BindMounts);
    }

    [Theory]
    [InlineData("stack/host", null)]
    [InlineData(null, "stack/host")]
    [InlineData(null, "stack/evil")]
    public async Task Import_UnderAStackReference_IsRefused_AndTheStacksAreUnchanged(string? reference, string? archiveName)
    {
        await _stacks.CreateAsync("host", StackSource.Host, CancellationToken.None);
        var before = await _root.Store.FindAsync("stack/host", CancellationToken.None);
        var blobsBefore = BlobNames();
        var archive = new OciArchiveBuilder { RefName = archiveName ?? "imported/app:v1" }.Layer(gzip: true, OciArchiveBuilder.File("etc/passwd", "root:x:0:0::/:/bin/sh\n"));
        archive.Labels[OldBindsLabel] = "/etc,/root,/run/paas";

        var error = await Assert.ThrowsAsync<ImageInUseException>(() =>
            _root.Store.ImportAsync(new MemoryStream(archive.Build()), reference, CancellationToken.None));

        Assert.Contains("reserved for stacks", error.Message);
        Assert.Equal(before!.ManifestDigest, (await _root.Store.FindAsync("stack/host", CancellationToken.None))?.ManifestDigest);
        Assert.Null(await _root.Store.FindAsync("stack/evil", CancellationToken.None));
        Assert.Equal(["host"], (await _stacks.ListAsync(CancellationToken.None)).Select(s => s.Name));
        Assert.Equal(blobsBefore, BlobNames());
    }

    [Fact]
    public async Task StacksList_HoldsOnlyStacksPaasdBuilt_NotImagesNamedStack()
    {
        await _stacks.CreateAsync("host", StackSource.Host, CancellationToken.None);
        var labels = new Dictionary<string, string> { ["paas.stack.name"] = "fake", ["paas.stack.source"] = "host", [OldBindsLabel] = "/etc" };
        await _root.Store.CommitDirectoryAsync("stack/fake", _root.NewDir("fake"), ImageConfig.Empty with { Labels = labels }, null, CancellationToken.None);

        Assert.Equal(["host"], (await _stacks.ListAsync(CancellationToken.None)).Select(s => s.Name));
        Assert.Null(await _stacks.FindAsync("fake", CancellationToken.None));
        Assert.Empty((await _root.Store.ResolveRootfsAsync("stack/fake", CancellationToken.None)).BindMounts);
    }

    [Fact]
    public async Task StackRecords_ArePrivateToRoot()
    {
        await _stacks.CreateAsync("host", StackSource.Host, CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_root.Paths.Stacks));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_root.Paths.Stacks, "host.json")));
    }

    [Fact]
    public async Task StackRecord_WritableByOthers_IsIgnored()
    {
        await _stacks.CreateAsync("host", StackSource.Host, CancellationToken.None);
        var record = Path.Combine(_root.Paths.Stacks, "host.json");

        File.SetUnixFileMode(record, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite);

        Assert.Empty(await _stacks.ListAsync(CancellationToken.None));
        Assert.Empty((await _root.Store.ResolveRootfsAsync("stack/host", CancellationToken.None)).BindMounts);
    }

    /// <summary>An app image on the host stack with <paramref name="labels"/>, exported as another tool would hand it over.</summary>
    private async Task<byte[]> ArchiveOnTheHostStackAsync(Dictionary<string, string> labels)
    {
        var dir = _root.NewDir("attacker");
        File.WriteAllText(Path.Combine(dir, "app.txt"), "app");
        await _root.Store.CommitDirectoryAsync("build/app:v1", dir, ImageConfig.Empty with { Labels = labels }, "stack/host", CancellationToken.None);
        using var archive = new MemoryStream();
        await _root.Store.ExportAsync("build/app:v1", archive, CancellationToken.None);
        await _root.Store.DeleteAsync("build/app:v1", CancellationToken.None);
        return archive.ToArray();
    }

    private List<string> BlobNames() =>
        Directory.GetFiles(Path.Combine(_root.Paths.Images, "blobs", "sha256")).Order().ToList();
}
