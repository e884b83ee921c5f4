using System.Formats.Tar;
using Paas.Core.Images;

namespace Paas.Runtime.Images.Layers;

/// <summary>
/// Checks every entry of an image's layers, bottom layer first, before any of it is stored:
/// <list type="bullet">
/// <item>names are relative and never hold "..";</item>
/// <item>no entry is written through a symlink, whether an earlier entry of the same layer or a
///   lower layer made it (symlink targets themselves may be anything: only the container follows them);</item>
/// <item>a hard link names an earlier file of the same layer (never a host path like /etc/shadow);</item>
/// <item>no device nodes and no FIFOs: a layer carries files, links and directories. Devices would
///   be host devices on the layer's filesystem; a FIFO is a file that blocks whoever opens it,
///   paasd included, and no image needs one shipped (create it at run time with mkfifo).</item>
/// </list>
/// OCI whiteouts (".wh.NAME", ".wh..wh..opq") remove what lower layers hold, symlinks included.
/// </summary>
internal sealed class LayerEntryValidator
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueWhiteout = ".wh..wh..opq";

    // The merged tree so far, as far as the rules need it.
    private readonly HashSet<string> _symlinks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirs = new(StringComparer.Ordinal);

    // The current layer: what a hard link may name, and what an opaque whiteout keeps.
    private readonly HashSet<string> _layerFiles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _layerEntries = new(StringComparer.Ordinal);
    private string _layer = "";
    private bool _trusted;

    /// <summary>
    /// Starts the next layer up. A <paramref name="trusted"/> layer is one already in the store
    /// (checked when it arrived, or built by paasd, whose stacks hold /dev nodes): it is only read
    /// for the symlinks and directories it leaves to the layers above.
    /// </summary>
    public void BeginLayer(string layerDigest, bool trusted = false)
    {
        _layer = layerDigest;
        _trusted = trusted;
        _layerFiles.Clear();
        _layerEntries.Clear();
    }

    public void Check(TarEntry entry)
    {
        var path = RelativePath(entry.Name, entry.Name, "name");
        if (path.Length == 0)
        {
            if (entry.EntryType != TarEntryType.Directory)
            {
                Refuse(entry, "is the layer root but not a directory");
            }

            return;
        }

        var slash = path.LastIndexOf('/');
        var parent = slash < 0 ? "" : path[..slash];
        var name = path[(slash + 1)..];
        CheckParents(entry, parent);

        if (name == OpaqueWhiteout)
        {
            RemoveBelow(parent, keepThisLayer: true);
            return;
        }

        if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            var hidden = name[WhiteoutPrefix.Length..];
            if (hidden.Length > 0 && !hidden.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                Remove(parent.Length == 0 ? hidden : parent + "/" + hidden);
            }

            return;
        }

        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                _symlinks.Remove(path);
                _layerFiles.Remove(path);
                _dirs.Add(path);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                Replace(path);
                _layerFiles.Add(path);
                break;
            case TarEntryType.SymbolicLink:
                Replace(path);
                _symlinks.Add(path);
                _layerFiles.Add(path);
                break;
            case TarEntryType.HardLink:
                var target = RelativePath(entry.LinkName, entry.Name, "hard link target");
                if (!_layerFiles.Contains(target))
                {
                    Refuse(entry, $"is a hard link to '{entry.LinkName}', which is not an earlier file of the same layer");
                }

                Replace(path);
                _layerFiles.Add(path);
                break;
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice:
                Refuse(entry, "is a device node; an image may not carry devices (the container runtime provides /dev)");
                break;
            case TarEntryType.Fifo:
                Refuse(entry, "is a FIFO; an image may not carry FIFOs (create it when the container starts, with mkfifo)");
                break;
            default:
                return; // PAX global headers, sparse and volume entries: the unpacker writes nothing for them.
        }

        _layerEntries.Add(path);
    }

    private string RelativePath(string raw, string entryName, string what)
    {
        if (raw.StartsWith('/') && !_trusted)
        {
            throw new InvalidImageException($"layer {_layer}: entry '{entryName}' has an absolute {what} '{raw}'; layer paths are relative to the image root");
        }

        var parts = raw.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Contains("..") || raw.Contains('\0'))
        {
            throw new InvalidImageException($"layer {_layer}: entry '{entryName}' has the {what} '{raw}', which leaves the image root ('..')");
        }

        return string.Join('/', parts);
    }

    private void CheckParents(TarEntry entry, string parent)
    {
        if (parent.Length == 0)
        {
            return;
        }

        var end = -1;
        while (end < parent.Length)
        {
            end = parent.IndexOf('/', end + 1);
            if (end < 0)
            {
                end = parent.Length;
            }

            var prefix = parent[..end];
            if (_symlinks.Contains(prefix))
            {
                Refuse(entry, $"is written through '{prefix}', a symlink an earlier entry or a lower layer made");
            }

            _dirs.Add(prefix); // The unpacker creates missing parents as directories.
        }
    }

    /// <summary>A non-directory takes the place of whatever was at <paramref name="path"/>, a whole directory included.</summary>
    private void Replace(string path)
    {
        if (_dirs.Contains(path))
        {
            RemoveBelow(path, keepThisLayer: false);
            _dirs.Remove(path);
        }

        _symlinks.Remove(path);
    }

    private void Remove(string path)
    {
        Replace(path);
        _layerFiles.Remove(path);
    }

    private void RemoveBelow(string dir, bool keepThisLayer)
    {
        var prefix = dir.Length == 0 ? "" : dir + "/";
        bool Doomed(string p) => p.StartsWith(prefix, StringComparison.Ordinal) && !(keepThisLayer && _layerEntries.Contains(p));
        _symlinks.RemoveWhere(Doomed);
        _dirs.RemoveWhere(Doomed);
        if (!keepThisLayer)
        {
            _layerFiles.RemoveWhere(Doomed);
        }
    }

    private void Refuse(TarEntry entry, string why)
    {
        if (!_trusted)
        {
            throw new InvalidImageException($"layer {_layer}: entry '{entry.Name}' {why}");
        }
    }
}
