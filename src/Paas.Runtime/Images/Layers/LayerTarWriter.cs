using System.Formats.Tar;
using Paas.Runtime.Images.Native;

namespace Paas.Runtime.Images.Layers;

/// <summary>
/// Writes a directory tree as an uncompressed layer tar: modes, uid/gid, mtimes, symlinks as
/// symlinks (never followed), hard links as link entries, device nodes and fifos. Entries are
/// sorted, so the same tree gives the same bytes. Sockets cannot live in a tar and are left out.
/// </summary>
internal static class LayerTarWriter
{
    public static async Task WriteAsync(string directory, Stream output, CancellationToken ct)
    {
        var root = Path.GetFullPath(directory);
        var rootStatus = FileStatus.TryOf(root);
        if (rootStatus is not { IsDirectory: true })
        {
            throw new DirectoryNotFoundException($"cannot commit {directory}: not a directory (symlinks are not followed)");
        }

        await using var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        var hardLinks = new Dictionary<(uint, uint, ulong), string>();
        await WriteChildrenAsync(writer, root, "", hardLinks, ct);
    }

    private static async Task WriteChildrenAsync(
        TarWriter writer, string dir, string prefix, Dictionary<(uint, uint, ulong), string> hardLinks, CancellationToken ct)
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
                await writer.WriteEntryAsync(NewEntry(TarEntryType.Directory, entryName + "/", status), ct);
                await WriteChildrenAsync(writer, path, entryName + "/", hardLinks, ct);
            }
            else if (status.IsRegularFile)
            {
                await WriteFileAsync(writer, path, entryName, status, hardLinks, ct);
            }
            else if (EntryTypeOf(status.Type) is { } type)
            {
                var entry = NewEntry(type, entryName, status);
                if (type == TarEntryType.SymbolicLink)
                {
                    entry.LinkName = new FileInfo(path).LinkTarget ?? "";
                }
                else if (type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice)
                {
                    entry.DeviceMajor = (int)status.RDevMajor;
                    entry.DeviceMinor = (int)status.RDevMinor;
                }

                await writer.WriteEntryAsync(entry, ct);
            }
        }
    }

    private static async Task WriteFileAsync(
        TarWriter writer, string path, string entryName, FileStatus status,
        Dictionary<(uint, uint, ulong), string> hardLinks, CancellationToken ct)
    {
        if (status.NLink > 1)
        {
            var key = (status.DevMajor, status.DevMinor, status.Inode);
            if (hardLinks.TryGetValue(key, out var first))
            {
                var link = NewEntry(TarEntryType.HardLink, entryName, status);
                link.LinkName = first;
                await writer.WriteEntryAsync(link, ct);
                return;
            }

            hardLinks[key] = entryName;
        }

        var entry = NewEntry(TarEntryType.RegularFile, entryName, status);
        await using var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        entry.DataStream = data;
        await writer.WriteEntryAsync(entry, ct);
    }

    // GNU rather than PAX headers: .NET's PAX writer adds an extended header (path, mtime) to
    // every entry, doubling the size of a layer of small files. GNU long-name entries cover
    // long paths and link targets. atime/ctime are pinned to mtime so the same tree gives the
    // same layer digest.
    private static GnuTarEntry NewEntry(TarEntryType type, string name, FileStatus status)
    {
        var mtime = DateTimeOffset.FromUnixTimeSeconds(status.ModifiedAt.ToUnixTimeSeconds());
        return new GnuTarEntry(type, name)
        {
            Mode = (UnixFileMode)status.Permissions,
            Uid = (int)status.Uid,
            Gid = (int)status.Gid,
            ModificationTime = mtime,
            AccessTime = mtime,
            ChangeTime = mtime,
        };
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
