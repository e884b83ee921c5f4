namespace Paas.Testing;

/// <summary>
/// Buildpacks installed the way the install script puts them in /opt/paas/buildpacks: root's files,
/// readable and executable by the build containers' unprivileged users (a checkout under /root
/// would not be).
/// </summary>
public static class BuildpackCopy
{
    private const UnixFileMode ReadableByAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Copies <paramref name="source"/> (default: the repo's buildpacks/) to <paramref name="target"/>.</summary>
    public static string Install(string target, string? source = null)
    {
        source ??= Path.Combine(RepositoryRoot.Find(), "buildpacks");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
            File.SetUnixFileMode(copy, ReadableByAll);
        }
        foreach (var dir in Directory.EnumerateDirectories(target, "*", SearchOption.AllDirectories).Append(target))
            File.SetUnixFileMode(dir, ReadableByAll);
        return target;
    }
}
