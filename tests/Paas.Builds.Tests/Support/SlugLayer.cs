using System.Formats.Tar;
using Paas.Core.Containers;
using Paas.Core.Images;

namespace Paas.Builds.Tests.Support;

/// <summary>The entries of an image's top layer, read from the store's blob: what the image records, not what a container sees.</summary>
public sealed record SlugLayer(IReadOnlyDictionary<string, (int Uid, int Gid, UnixFileMode Mode, TarEntryType Type, string? Content)> Entries)
{
    public static async Task<SlugLayer> ReadAsync(RuntimePaths paths, Image image)
    {
        var digest = image.LayerDigests[^1];
        var blob = Path.Combine(paths.Images, "blobs", "sha256", digest["sha256:".Length..]);
        var entries = new Dictionary<string, (int, int, UnixFileMode, TarEntryType, string?)>();
        await using var stream = File.OpenRead(blob);
        await using var reader = new TarReader(stream);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            string? content = null;
            if (entry.EntryType == TarEntryType.RegularFile && entry.DataStream is { } data && entry.Length < 1 << 20)
                content = await new StreamReader(data).ReadToEndAsync();
            entries[entry.Name.TrimEnd('/')] = (entry.Uid, entry.Gid, entry.Mode, entry.EntryType, content);
        }

        return new SlugLayer(entries);
    }

    public string? Content(string path) => Entries.TryGetValue(path, out var e) ? e.Content : null;
}
