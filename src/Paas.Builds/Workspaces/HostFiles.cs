using System.ComponentModel;
using System.Runtime.InteropServices;
using Paas.Builds.Native;

namespace Paas.Builds.Workspaces;

/// <summary>
/// Ownership and modes of the host dirs a build container uses. Never follows a symlink: the
/// source tree holds the pusher's symlinks, which may point anywhere on the host.
/// </summary>
internal static class HostFiles
{
    public const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode Public = Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>A fresh dir (an existing one is emptied first) with <paramref name="mode"/>, owned by root.</summary>
    public static string CreateFresh(string path, UnixFileMode mode)
    {
        if (Directory.Exists(path) || File.Exists(path)) DeleteTree(path);
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    public static void Chown(string path, (uint Uid, uint Gid) owner)
    {
        if (LibC.lchown(path, owner.Uid, owner.Gid) != 0)
            throw new IOException($"lchown {path} to {owner.Uid}:{owner.Gid} failed: {new Win32Exception(Marshal.GetLastWin32Error()).Message}");
    }

    /// <summary>chown -R -h: the tree's entries and the links themselves, without descending through links.</summary>
    public static void ChownTree(string root, (uint Uid, uint Gid) owner)
    {
        Chown(root, owner);
        foreach (var entry in Directory.EnumerateFileSystemEntries(root))
        {
            if (new FileInfo(entry).LinkTarget is null && Directory.Exists(entry)) ChownTree(entry, owner);
            else Chown(entry, owner);
        }
    }

    /// <summary>Removes a tree a container wrote (links are removed, never followed); a missing one is fine.</summary>
    public static void DeleteTree(string path)
    {
        if (new FileInfo(path).LinkTarget is not null || File.Exists(path)) File.Delete(path);
        else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }
}
