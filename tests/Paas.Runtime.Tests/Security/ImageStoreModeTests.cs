using Paas.Core.Containers;
using Paas.Runtime.Images;
using Paas.Testing;

namespace Paas.Runtime.Tests.Security;

/// <summary>
/// Image blobs hold every app's slug (its code, and what secrets it ships): no host user may read
/// them, also in a store an older paasd made world-readable (found by an install on 2026-12-02:
/// $PAAS_ROOT/images was 0755 while the unpacked layers were already 0700).
/// </summary>
public sealed class ImageStoreModeTests
{
    private const UnixFileMode RootOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public void TheImagesDirectory_IsRootOnly_WhenTheStoreCreatesIt()
    {
        using var root = new TestDirectory();
        var paths = new RuntimePaths(root.Path);

        _ = new OciImageStore(paths);

        Assert.Equal(RootOnly, File.GetUnixFileMode(paths.Images));
    }

    [Fact]
    public void AWorldReadableImagesDirectory_IsClosed_WhenTheStoreOpensIt()
    {
        using var root = new TestDirectory();
        var paths = new RuntimePaths(root.Path);
        Directory.CreateDirectory(paths.Images);
        File.SetUnixFileMode(paths.Images, RootOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        _ = new OciImageStore(paths);

        Assert.Equal(RootOnly, File.GetUnixFileMode(paths.Images));
    }
}
