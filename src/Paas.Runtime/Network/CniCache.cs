using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Paas.Runtime.Network;

/// <summary>
/// One file per attachment under <c>$ROOT/cni/results</c>, named like libcni's cache
/// (<c>NETWORK-CONTAINERID-IFNAME</c>). Writes are atomic (temp file, then rename).
/// </summary>
internal sealed class CniCache(string directory)
{
    public string Directory { get; } = directory;

    public async Task WriteAsync(CniCacheEntry entry, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(entry);
        var temp = path + ".tmp";
        try
        {
            await File.WriteAllTextAsync(temp, entry.ToJson().ToJsonString(), Encoding.UTF8, ct);
            if (OperatingSystem.IsLinux())
            {
                // libcni keeps its cache 0600: results name addresses and interfaces of other tenants' containers.
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public async Task<CniCacheEntry?> FindAsync(string containerId, CancellationToken ct)
    {
        foreach (var file in FilesOf(containerId))
        {
            if (await ReadAsync(file, ct) is { } entry && entry.ContainerId == containerId)
            {
                return entry;
            }
        }
        return null;
    }

    public async Task<IReadOnlyList<CniCacheEntry>> ListAsync(CancellationToken ct)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        var entries = new List<CniCacheEntry>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)))
        {
            if (await ReadAsync(file, ct) is { } entry)
            {
                entries.Add(entry);
            }
        }
        return entries;
    }

    public void Delete(CniCacheEntry entry) => File.Delete(PathOf(entry));

    private string PathOf(CniCacheEntry entry) =>
        Path.Combine(Directory, $"{entry.NetworkName}-{entry.ContainerId}-{entry.IfName}");

    /// <summary>The network name may have changed since the attachment was made, so match on the id part only.</summary>
    private IEnumerable<string> FilesOf(string containerId) =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, $"*-{containerId}-{CniContainerNetwork.IfName}")
            : [];

    private static async Task<CniCacheEntry?> ReadAsync(string file, CancellationToken ct)
    {
        try
        {
            return JsonNode.Parse(await File.ReadAllTextAsync(file, ct)) is JsonObject json ? CniCacheEntry.FromJson(json) : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or FileNotFoundException or InvalidOperationException)
        {
            // A torn or foreign file is not an attachment of ours.
            return null;
        }
    }
}
