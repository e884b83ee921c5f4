namespace Paas.Runtime.Images.Native;

/// <summary>lstat-like facts about one path (symlinks are not followed).</summary>
internal sealed record FileStatus(
    uint Type, uint Permissions, uint Uid, uint Gid, ulong Size, uint NLink,
    ulong Inode, uint DevMajor, uint DevMinor, uint RDevMajor, uint RDevMinor, DateTimeOffset ModifiedAt)
{
    public bool IsDirectory => Type == LibC.SIfDir;
    public bool IsRegularFile => Type == LibC.SIfReg;
    public bool IsSymlink => Type == LibC.SIfLnk;

    public static FileStatus Of(string path) =>
        TryOf(path) ?? throw new FileNotFoundException($"statx {path}: no such file or directory", path);

    /// <summary>Null when the path does not exist.</summary>
    public static FileStatus? TryOf(string path)
    {
        if (LibC.Statx(LibC.AtFdCwd, path, LibC.AtSymlinkNoFollow, LibC.StatxBasicStats, out var b) == -1)
        {
            var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            const int enoent = 2, enotdir = 20;
            if (errno is enoent or enotdir)
            {
                return null;
            }

            LibC.Check(-1, "statx", path);
        }

        var modified = DateTimeOffset.FromUnixTimeSeconds(b.ModifyTime.Seconds).AddTicks(b.ModifyTime.Nanoseconds / 100);
        return new FileStatus(b.Mode & LibC.SIfMt, (uint)b.Mode & 0xFFF, b.Uid, b.Gid, b.Size, b.NLink,
            b.Inode, b.DevMajor, b.DevMinor, b.RDevMajor, b.RDevMinor, modified);
    }
}
