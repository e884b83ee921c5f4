namespace Paas.Testing;

/// <summary>
/// A temp directory removed on dispose (mounts below it detached first), even when the test failed.
/// Traversable (0711, not listable) like /var/lib: runc reaches container roots below it as the
/// containers' unprivileged root.
/// </summary>
public sealed class TestDirectory : IDisposable
{
    public TestDirectory(string prefix = "paas-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
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
