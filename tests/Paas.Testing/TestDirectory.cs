namespace Paas.Testing;

/// <summary>A temp directory removed on dispose (mounts below it detached first), even when the test failed.</summary>
public sealed class TestDirectory : IDisposable
{
    public TestDirectory(string prefix = "paas-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            MountsBelow.Unmount(Path);
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
