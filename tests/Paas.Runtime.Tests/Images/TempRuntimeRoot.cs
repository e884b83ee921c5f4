using Paas.Core.Containers;
using Paas.Runtime.Images;

namespace Paas.Runtime.Tests.Images;

/// <summary>A fresh runtime root under /tmp with an image store on it; deleted (after unmounting anything left below it) on dispose.</summary>
public sealed class TempRuntimeRoot : IDisposable
{
    public TempRuntimeRoot()
    {
        Root = Path.Combine(Path.GetTempPath(), $"paas-img-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        Paths = new RuntimePaths(Root);
        Store = new OciImageStore(Paths);
    }

    public string Root { get; }

    public RuntimePaths Paths { get; }

    public OciImageStore Store { get; }

    /// <summary>A new empty directory inside the root (not under images/ or layers/).</summary>
    public string NewDir(string name)
    {
        var path = Path.Combine(Root, "work", name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        foreach (var mount in Paas.Runtime.Stacks.MountCleanup.MountsUnder(Root).OrderByDescending(m => m.Length))
        {
            Tool.Run("umount", "--lazy", mount);
        }

        Directory.Delete(Root, recursive: true);
    }
}
