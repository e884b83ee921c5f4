using System.Formats.Tar;
using Paas.Runtime.Images.Native;
using Paas.Runtime.UserNamespaces;

namespace Paas.Runtime.Images.Layers;

/// <summary>
/// Writes a directory tree as an uncompressed layer tar: modes, uid/gid, mtimes, symlinks as
/// symlinks (never followed), hard links as link entries, device nodes and fifos. Entries are
/// sorted, so the same tree gives the same bytes. Sockets cannot live in a tar and are left out.
/// Owners inside the containers' user namespace range are written as the container saw them (a
/// container's upper dir holds shifted ids); others (host root's files in a stack build) as they are.
/// <para>
/// A container's upper dir records deletions the overlayfs way, and those become OCI whiteouts (what
/// <see cref="LayerUnpacker"/> turns back): a 0:0 character device NAME is ".wh.NAME", a directory
/// marked trusted.overlay.opaque=y gets ".wh..wh..opq". Device 0:0 is no real device (major 0 is
/// reserved), so nothing else is mistaken for one.
/// </para>
/// </summary>
internal static class LayerTarWriter
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueWhiteout = ".wh..wh..opq";
    private const string OpaqueXattr = "trusted.overlay.opaque";

    public static async Task WriteAsync(string directory, Stream output, UserNamespaceMapping? mapping, CancellationToken ct)
    {
        var root = Path.GetFullPath(directory);
        var rootStatus = FileStatus.TryOf(root);
        if (rootStatus is not { IsDirectory: true })
        {
            throw new DirectoryNotFoundException($"cannot commit {directory}: not a directory (symlinks are not followed)");
        }

        await using var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        var tree = new Tree(writer, mapping, new Dictionary<(uint, uint, ulong), string>());
        await WriteChildrenAsync(tree, root, "", ct);
    }

    /// <summary>What every entry of one tar needs: where it goes, how ids map back, which inodes were written.</summary>
    private sealed record Tree(TarWriter Writer, UserNamespaceMapping? Mapping, Dictionary<(uint, uint, ulong), string> HardLinks);

    private static async Task WriteChildrenAsync(Tree tree, string dir, string prefix, CancellationToken ct)
    {
        var names = Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            ct.ThrowIfCancellationRequested();
            var path = Path.Combine(dir, name);
            var entryName = prefix + name;
            var status = FileStatus.Of(path);
            if (status.IsDirectory)
            {
                await tree.Writer.WriteEntryAsync(NewEntry(tree, TarEntryType.Directory, entryName + "/", status), ct);
                if (IsOpaque(path))
                    await tree.Writer.WriteEntryAsync(Whiteout(tree, entryName + "/" + OpaqueWhiteout, status), ct);
                await WriteChildrenAsync(tree, path, entryName + "/", ct);
            }
            else if (status.IsRegularFile)
            {
                await WriteFileAsync(tree, path, entryName, status, ct);
            }
            else if (status.Type == LibC.SIfChr && status.RDevMajor == 0 && status.RDevMinor == 0)
            {
                await tree.Writer.WriteEntryAsync(Whiteout(tree, prefix + WhiteoutPrefix + name, status), ct);
            }
            else if (EntryTypeOf(status.Type) is { } type)
            {
                var entry = NewEntry(tree, type, entryName, status);
                if (type == TarEntryType.SymbolicLink)
                {
                    entry.LinkName = new FileInfo(path).LinkTarget ?? "";
                }
                else if (type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice)
                {
                    entry.DeviceMajor = (int)status.RDevMajor;
                    entry.DeviceMinor = (int)status.RDevMinor;
                }

                await tree.Writer.WriteEntryAsync(entry, ct);
            }
        }
    }

    private static async Task WriteFileAsync(Tree tree, string path, string entryName, FileStatus status, CancellationToken ct)
    {
        if (status.NLink > 1)
        {
            var key = (status.DevMajor, status.DevMinor, status.Inode);
            if (tree.HardLinks.TryGetValue(key, out var first))
            {
                var link = NewEntry(tree, TarEntryType.HardLink, entryName, status);
                link.LinkName = first;
                await tree.Writer.WriteEntryAsync(link, ct);
                return;
            }

            tree.HardLinks[key] = entryName;
        }

        var entry = NewEntry(tree, TarEntryType.RegularFile, entryName, status);
        await using var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        entry.DataStream = data;
        await tree.Writer.WriteEntryAsync(entry, ct);
    }

    // GNU rather than PAX headers: .NET's PAX writer adds an extended header (path, mtime) to
    // every entry, doubling the size of a layer of small files. GNU long-name entries cover
    // long paths and link targets. atime/ctime are pinned to mtime so the same tree gives the
    // same layer digest.
    private static GnuTarEntry NewEntry(Tree tree, TarEntryType type, string name, FileStatus status)
    {
        var mtime = DateTimeOffset.FromUnixTimeSeconds(status.ModifiedAt.ToUnixTimeSeconds());
        return new GnuTarEntry(type, name)
        {
            Mode = (UnixFileMode)status.Permissions,
            Uid = (int)(tree.Mapping?.ToContainerUid(status.Uid) ?? status.Uid),
            Gid = (int)(tree.Mapping?.ToContainerGid(status.Gid) ?? status.Gid),
            ModificationTime = mtime,
            AccessTime = mtime,
            ChangeTime = mtime,
        };
    }

    /// <summary>An empty file whose name says what it removes (the OCI image spec's whiteout).</summary>
    private static GnuTarEntry Whiteout(Tree tree, string name, FileStatus status)
    {
        var entry = NewEntry(tree, TarEntryType.RegularFile, name, status);
        entry.Mode = 0;
        return entry;
    }

    private static bool IsOpaque(string directory)
    {
        var value = new byte[1];
        return LibC.LGetXattr(directory, OpaqueXattr, value, 1) == 1 && value[0] == (byte)'y';
    }

    private static TarEntryType? EntryTypeOf(uint type) => type switch
    {
        LibC.SIfLnk => TarEntryType.SymbolicLink,
        LibC.SIfChr => TarEntryType.CharacterDevice,
        LibC.SIfBlk => TarEntryType.BlockDevice,
        LibC.SIfIfo => TarEntryType.Fifo,
        _ => null,
    };
}
