using Paas.Core.Containers;
using Paas.Runtime.Images.Native;
using Paas.Runtime.UserNamespaces;

namespace Paas.Runtime.Containers;

/// <summary>
/// Who may reach what under $ROOT. Container files (layers, writable layers, images, stacks, logs)
/// are root's alone (0700): no host user reaches a setuid file a container wrote, or its data.
/// Only the path to each container's root and its bound files is traversable (0711, no listing),
/// because runc sets up the mounts as the container's root, an unprivileged host uid.
/// </summary>
internal static class RuntimeDirectories
{
    public const uint Private = 0b111_000_000;
    public const uint Traversable = 0b111_001_001;

    public static void Secure(RuntimePaths paths, UserNamespaceMapping? userns)
    {
        Ensure(paths.Root, Traversable);
        if (userns is not null) CheckAncestorsTraversable(paths.Root, userns);
        Ensure(paths.Run, Traversable);
        Ensure(paths.Containers, Traversable);
        Ensure(paths.Exits, Private);
        Ensure(paths.Writable, Private);
        Ensure(paths.Logs, Private);
        foreach (var dir in new[] { paths.Images, paths.Layers, paths.Stacks })
            if (Directory.Exists(dir)) Chmod(dir, Private);
    }

    /// <summary>Creates <paramref name="path"/> (and parents) and sets its mode and owner, whatever they were.</summary>
    public static void Ensure(string path, uint mode, uint uid = 0, uint gid = 0)
    {
        Directory.CreateDirectory(path);
        if (uid != 0 || gid != 0) LibC.Check(LibC.LChown(path, uid, gid), "lchown", path);
        Chmod(path, mode);
    }

    private static void Chmod(string path, uint mode) => LibC.Check(LibC.Chmod(path, mode), "chmod", path);

    private static void CheckAncestorsTraversable(string root, UserNamespaceMapping userns)
    {
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(root)); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (FileStatus.TryOf(dir) is { } status && (status.Permissions & 0b001) == 0)
                throw new ContainerException(
                    $"{dir} (mode {Convert.ToString(status.Permissions, 8)}) does not let other users through, but runc reaches the containers' " +
                    $"roots below it as container root (host uid {userns.HostUid}): chmod o+x {dir}, or put the runtime root elsewhere");
        }
    }
}
