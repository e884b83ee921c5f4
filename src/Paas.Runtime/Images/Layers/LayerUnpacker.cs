using System.Formats.Tar;
using System.Text;
using Paas.Core.Images;
using Paas.Runtime.Images.Native;
using Paas.Runtime.UserNamespaces;

namespace Paas.Runtime.Images.Layers;

/// <summary>
/// Unpacks one layer tar into an empty directory that will serve as an overlayfs lower dir.
/// OCI whiteouts become overlayfs ones: ".wh.NAME" a 0:0 character device NAME, ".wh..wh..opq"
/// the trusted.overlay.opaque=y xattr on its directory. Entry paths may not leave the directory,
/// neither by ".." nor through a symlink the layer itself created. With a user namespace mapping,
/// every owner (and the ids in file capabilities and ACLs) is shifted into the containers' range,
/// so the layer is stored as container root sees it: the one-time cost that lets every container
/// share it (docs/USER-NAMESPACES.md).
/// </summary>
internal sealed class LayerUnpacker
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueWhiteout = ".wh..wh..opq";
    private const string XattrPaxPrefix = "SCHILY.xattr.";

    private readonly string _root;
    private readonly UserNamespaceMapping? _mapping;
    private readonly HashSet<string> _knownDirs = new(StringComparer.Ordinal);
    private readonly List<(string Path, DateTimeOffset ModifiedAt)> _dirTimes = [];

    private LayerUnpacker(string root, UserNamespaceMapping? mapping)
    {
        _root = root;
        _mapping = mapping;
    }

    public static async Task UnpackAsync(Stream tar, string targetDir, UserNamespaceMapping? mapping, CancellationToken ct)
    {
        var unpacker = new LayerUnpacker(Path.GetFullPath(targetDir), mapping);
        await unpacker.RunAsync(tar, ct);
    }

    private async Task RunAsync(Stream tar, CancellationToken ct)
    {
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (true)
        {
            TarEntry? entry;
            try
            {
                entry = await reader.GetNextEntryAsync(copyData: false, ct);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
            {
                throw new InvalidImageException($"layer is not a valid tar archive: {e.Message}", e);
            }

            if (entry is null)
            {
                break;
            }

            await ApplyAsync(entry, ct);
        }

        // Directory times last: creating their children changed them.
        foreach (var (path, modifiedAt) in _dirTimes)
        {
            // Only if still a directory: a later entry may have replaced it, even by a symlink
            // that SetLastWriteTime would follow out of the layer.
            if (FileStatus.TryOf(path) is { IsDirectory: true })
            {
                Directory.SetLastWriteTimeUtc(path, modifiedAt.UtcDateTime);
            }
        }
    }

    private async Task ApplyAsync(TarEntry entry, CancellationToken ct)
    {
        var relative = LayerPaths.Normalize(entry.Name);
        if (relative.Length == 0)
        {
            return; // "./" itself: the layer root keeps the store's mode.
        }

        var (parent, name) = Split(relative);
        var parentPath = EnsureParents(parent, entry.Name);
        var path = Path.Combine(parentPath, name);

        if (name == OpaqueWhiteout)
        {
            Check(LibC.LSetXattr(parentPath, "trusted.overlay.opaque", "y"u8.ToArray(), 1, 0), "lsetxattr", parentPath);
            return;
        }

        if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            var hidden = name[WhiteoutPrefix.Length..];
            if (hidden.StartsWith(WhiteoutPrefix, StringComparison.Ordinal) || hidden.Length == 0)
            {
                return; // AUFS metadata (.wh..wh.plnk and friends): meaningless for overlayfs.
            }

            var whiteout = Path.Combine(parentPath, hidden);
            RemoveExisting(whiteout);
            Check(LibC.MkNod(whiteout, LibC.SIfChr, LibC.MakeDev(0, 0)), "mknod", whiteout);
            return;
        }

        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                MakeDirectory(path, entry);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                await WriteFileAsync(path, entry, ct);
                break;
            case TarEntryType.SymbolicLink:
                RemoveExisting(path);
                File.CreateSymbolicLink(path, entry.LinkName);
                Check(LibC.LChown(path, HostUid((uint)entry.Uid), HostGid((uint)entry.Gid)), "lchown", path);
                break;
            case TarEntryType.HardLink:
                MakeHardLink(path, entry);
                break;
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                MakeNode(path, entry);
                break;
            default:
                break; // PAX global headers and GNU sparse/volume entries carry no file of their own.
        }
    }

    private void MakeDirectory(string path, TarEntry entry)
    {
        var existing = FileStatus.TryOf(path);
        if (existing is not null && !existing.IsDirectory)
        {
            RemoveExisting(path);
            existing = null;
        }

        if (existing is null)
        {
            Directory.CreateDirectory(path);
        }

        _knownDirs.Add(path);
        SetOwnerAndMode(path, entry);
        ApplyXattrs(path, entry);
        _dirTimes.Add((path, entry.ModificationTime));
    }

    private async Task WriteFileAsync(string path, TarEntry entry, CancellationToken ct)
    {
        RemoveExisting(path);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            if (entry.DataStream is not null)
            {
                await entry.DataStream.CopyToAsync(file, ct);
            }
        }

        SetOwnerAndMode(path, entry);
        ApplyXattrs(path, entry);
        File.SetLastWriteTimeUtc(path, entry.ModificationTime.UtcDateTime);
    }

    private void MakeHardLink(string path, TarEntry entry)
    {
        var targetRelative = LayerPaths.Normalize(entry.LinkName);
        var (targetParent, targetName) = Split(targetRelative);
        var target = Path.Combine(EnsureParents(targetParent, entry.LinkName), targetName);
        var status = FileStatus.TryOf(target);
        if (status is null || status.IsDirectory)
        {
            throw new InvalidImageException($"layer entry '{entry.Name}' is a hard link to '{entry.LinkName}', which is not an earlier file of the layer");
        }

        RemoveExisting(path);
        Check(LibC.Link(target, path), "link", path);
    }

    private void MakeNode(string path, TarEntry entry)
    {
        RemoveExisting(path);
        var type = entry.EntryType switch
        {
            TarEntryType.CharacterDevice => LibC.SIfChr,
            TarEntryType.BlockDevice => LibC.SIfBlk,
            _ => LibC.SIfIfo,
        };
        var dev = type != LibC.SIfIfo && entry is PosixTarEntry posix ? LibC.MakeDev((uint)posix.DeviceMajor, (uint)posix.DeviceMinor) : 0;
        Check(LibC.MkNod(path, type | ((uint)entry.Mode & 0xFFF), dev), "mknod", path);
        SetOwnerAndMode(path, entry);
    }

    private void SetOwnerAndMode(string path, TarEntry entry)
    {
        // chown first: it clears setuid/setgid bits (and file capabilities) that chmod and the
        // xattrs then set.
        Check(LibC.LChown(path, HostUid((uint)entry.Uid), HostGid((uint)entry.Gid)), "lchown", path);
        Check(LibC.Chmod(path, (uint)entry.Mode & 0xFFF), "chmod", path);
    }

    private uint HostUid(uint uid) => _mapping?.ToHostUid(uid) ?? uid;

    private uint HostGid(uint gid) => _mapping?.ToHostGid(gid) ?? gid;

    private void ApplyXattrs(string path, TarEntry entry)
    {
        if (entry is not PaxTarEntry pax)
        {
            return;
        }

        foreach (var (key, value) in pax.ExtendedAttributes)
        {
            // File capabilities (security.capability) and the like; trusted.* would let a layer
            // forge overlayfs metadata, so it is not taken from the archive.
            if (key.StartsWith(XattrPaxPrefix, StringComparison.Ordinal) && !key.StartsWith(XattrPaxPrefix + "trusted.", StringComparison.Ordinal))
            {
                var name = key[XattrPaxPrefix.Length..];
                var bytes = Encoding.Latin1.GetBytes(value);
                if (_mapping is not null) bytes = XattrShift.Shift(name, bytes, _mapping);
                Check(LibC.LSetXattr(path, name, bytes, (nuint)bytes.Length, 0), "lsetxattr", path);
            }
        }
    }

    /// <summary>Walks (and creates) the parent directories inside the root, refusing symlinks and non-directories.</summary>
    private string EnsureParents(string parent, string entryName)
    {
        var current = _root;
        if (parent.Length == 0)
        {
            return current;
        }

        foreach (var component in parent.Split('/'))
        {
            current = Path.Combine(current, component);
            if (_knownDirs.Contains(current))
            {
                continue;
            }

            var status = FileStatus.TryOf(current);
            if (status is null)
            {
                // A directory the tar only implies: root's, as tar itself would make it.
                Directory.CreateDirectory(current);
                Check(LibC.LChown(current, HostUid(0), HostGid(0)), "lchown", current);
            }
            else if (!status.IsDirectory)
            {
                throw new InvalidImageException(
                    $"layer entry '{entryName}' goes through '{Path.GetRelativePath(_root, current)}', which is {(status.IsSymlink ? "a symlink" : "not a directory")}");
            }

            _knownDirs.Add(current);
        }

        return current;
    }

    private void RemoveExisting(string path)
    {
        var status = FileStatus.TryOf(path);
        if (status is null)
        {
            return;
        }

        if (status.IsDirectory)
        {
            Directory.Delete(path, recursive: true);
            _knownDirs.RemoveWhere(d => d == path || d.StartsWith(path + "/", StringComparison.Ordinal));
        }
        else
        {
            File.Delete(path);
        }
    }

    private static (string Parent, string Name) Split(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? ("", relative) : (relative[..slash], relative[(slash + 1)..]);
    }

    private static void Check(int result, string call, string path) => LibC.Check(result, call, path);
}
