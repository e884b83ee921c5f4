using Paas.Core.Images;

namespace Paas.Runtime.Bundles;

/// <summary>
/// Looks at a container's filesystem from the host before the container exists: the mounted
/// overlay plus the read-only binds, with symlinks followed as the container would see them
/// (never escaping to the host's /). Used to check the command and read /etc/passwd. Its files are
/// the image's, so untrusted: they are only examined, and read only through <see cref="ReadSmallFile"/>.
/// </summary>
public sealed class RootfsView(string rootfs, IReadOnlyList<BindMount> binds)
{
    private const int MaxSymlinks = 40;

    /// <summary>The host path for <paramref name="containerPath"/>, or null when it does not exist.</summary>
    public string? Resolve(string containerPath) => ResolveInContainer(containerPath) is { } path ? ToHost(path) : null;

    /// <summary>
    /// The content of a small regular file (see <see cref="ContainerFileReader"/>), or null when
    /// nothing has that name. Anything else there (a FIFO, a device, a symlink that leads nowhere or
    /// out, a huge file) throws <see cref="ContainerFileException"/>.
    /// </summary>
    public string? ReadSmallFile(string containerPath)
    {
        var resolved = ResolveInContainer(containerPath);
        if (resolved is null)
        {
            var parent = ResolveInContainer(Path.GetDirectoryName(containerPath) ?? "/");
            var name = Path.GetFileName(containerPath);
            if (parent is null || Images.Native.FileStatus.TryOf(ToHost(parent.TrimEnd('/') + "/" + name)) is null) return null;
            throw new ContainerFileException($"the image's {containerPath} is a symlink that leads to no file inside the container; fix the image");
        }
        var (baseDir, relative) = Locate(resolved);
        return System.Text.Encoding.UTF8.GetString(ContainerFileReader.Read(baseDir, relative, containerPath));
    }

    /// <summary>Follows symlinks inside the container's view; the resolved container path, or null.</summary>
    private string? ResolveInContainer(string containerPath)
    {
        var pending = new Stack<string>(Split(containerPath).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == "..") { if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1); continue; }
            resolved.Add(part);
            var host = ToHost("/" + string.Join('/', resolved));
            var info = new FileInfo(host);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxSymlinks) return null;
                resolved.RemoveAt(resolved.Count - 1);
                if (target.StartsWith('/')) resolved.Clear();
                foreach (var p in Split(target).Reverse()) pending.Push(p);
                continue;
            }
            if (!info.Exists && !Directory.Exists(host)) return null;
        }
        return "/" + string.Join('/', resolved);
    }

    /// <summary>Finds an executable like execvp would: as given when it has a slash, else along PATH.</summary>
    public bool CommandExists(string command, string path)
    {
        if (command.Contains('/'))
            return IsExecutableFile(command.StartsWith('/') ? Resolve(command) : null);
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => IsExecutableFile(Resolve(dir.TrimEnd('/') + "/" + command)));
    }

    private static bool IsExecutableFile(string? host) =>
        host is not null && !OperatingSystem.IsWindows() && File.Exists(host) &&
        (File.GetUnixFileMode(host) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private string ToHost(string containerPath)
    {
        var (baseDir, relative) = Locate(containerPath);
        return relative.Length == 0 ? baseDir : baseDir + "/" + relative;
    }

    /// <summary>The trusted host dir (the rootfs or a bind's source) a container path lies in, and the rest of the path.</summary>
    private (string BaseDir, string Relative) Locate(string containerPath)
    {
        // The deepest bind wins, as with mounts applied in order.
        var bind = binds
            .Where(b => containerPath == b.Destination || containerPath.StartsWith(b.Destination.TrimEnd('/') + "/", StringComparison.Ordinal))
            .MaxBy(b => b.Destination.Length);
        return bind is null
            ? (rootfs.TrimEnd('/'), containerPath.TrimStart('/'))
            : (bind.Source.TrimEnd('/'), containerPath[bind.Destination.TrimEnd('/').Length..].TrimStart('/'));
    }

    private static IEnumerable<string> Split(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".");
}
