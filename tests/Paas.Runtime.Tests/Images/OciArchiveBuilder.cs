using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Paas.Runtime.Tests.Images;

/// <summary>
/// Builds OCI archives by hand, independent of the store's own writer, the way another tool
/// (podman, skopeo, docker) would: layers as tar or tar+gzip, config with diff_ids, manifest,
/// index.json with a ref name. Hooks let a test break one thing on purpose.
/// </summary>
public sealed class OciArchiveBuilder
{
    private readonly List<(byte[] Blob, string MediaType, string DiffId)> _layers = [];

    public string? RefName { get; set; } = "imported/app:v1";

    public bool IncludeOciLayout { get; set; } = true;

    /// <summary>Changes a layer blob after its digest was taken (a corrupted download).</summary>
    public Func<byte[], byte[]>? TamperLayer { get; set; }

    /// <summary>Replaces the diff_ids written to the config.</summary>
    public Func<IReadOnlyList<string>, IReadOnlyList<string>>? TamperDiffIds { get; set; }

    public bool OmitFirstLayerBlob { get; set; }

    /// <summary>Written to the config's Labels (an archive carries whatever labels its author likes).</summary>
    public Dictionary<string, string> Labels { get; } = [];

    /// <summary>A layer blob made elsewhere (a gzip bomb, another store's layer), with its diff_id.</summary>
    public OciArchiveBuilder RawLayer(byte[] blob, string mediaType, string diffId)
    {
        _layers.Add((blob, mediaType, diffId));
        return this;
    }

    public OciArchiveBuilder Layer(bool gzip, params TarEntry[] entries)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }

        var uncompressed = tar.ToArray();
        var diffId = Digest(uncompressed);
        if (!gzip)
        {
            _layers.Add((uncompressed, "application/vnd.oci.image.layer.v1.tar", diffId));
            return this;
        }

        using var compressed = new MemoryStream();
        using (var gz = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(uncompressed);
        }

        _layers.Add((compressed.ToArray(), "application/vnd.oci.image.layer.v1.tar+gzip", diffId));
        return this;
    }

    public static PaxTarEntry Dir(string name, int uid = 0) =>
        new(TarEntryType.Directory, name) { Mode = (UnixFileMode)0b111_101_101, Uid = uid, Gid = uid };

    public static PaxTarEntry File(string name, string content, UnixFileMode mode = (UnixFileMode)0b110_100_100, int uid = 0) =>
        new(TarEntryType.RegularFile, name) { Mode = mode, Uid = uid, Gid = uid, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };

    public static PaxTarEntry Symlink(string name, string target) =>
        new(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = (UnixFileMode)0b111_111_111 };

    /// <summary>A character or block device (with its numbers) or a FIFO.</summary>
    public static PaxTarEntry Node(TarEntryType type, string name, int major = 0, int minor = 0)
    {
        var entry = new PaxTarEntry(type, name) { Mode = (UnixFileMode)0b110_110_110 };
        if (type != TarEntryType.Fifo)
        {
            entry.DeviceMajor = major;
            entry.DeviceMinor = minor;
        }

        return entry;
    }

    public static PaxTarEntry HardLink(string name, string target) =>
        new(TarEntryType.HardLink, name) { LinkName = target, Mode = (UnixFileMode)0b110_100_100 };

    public byte[] Build()
    {
        var blobs = new List<(string Digest, byte[] Content)>();
        var layerDescriptors = new JsonArray();
        var diffIds = _layers.Select(l => l.DiffId).ToList();
        foreach (var (blob, mediaType, _) in _layers)
        {
            var digest = Digest(blob);
            var content = TamperLayer?.Invoke(blob) ?? blob;
            if (!(OmitFirstLayerBlob && layerDescriptors.Count == 0))
            {
                blobs.Add((digest, content));
            }

            layerDescriptors.Add(new JsonObject { ["mediaType"] = mediaType, ["digest"] = digest, ["size"] = blob.Length });
        }

        var config = Json(new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray("PATH=/usr/bin:/bin"),
                ["Cmd"] = new JsonArray("/bin/sh"),
                ["Labels"] = new JsonObject([.. Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value)))]),
            },
            ["rootfs"] = new JsonObject
            {
                ["type"] = "layers",
                ["diff_ids"] = new JsonArray([.. (TamperDiffIds?.Invoke(diffIds) ?? diffIds).Select(d => JsonValue.Create(d))]),
            },
        });
        blobs.Add((Digest(config), config));

        var manifest = Json(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.oci.image.config.v1+json", ["digest"] = Digest(config), ["size"] = config.Length },
            ["layers"] = layerDescriptors,
        });
        blobs.Add((Digest(manifest), manifest));
        ManifestDigest = Digest(manifest);

        var descriptor = new JsonObject { ["mediaType"] = "application/vnd.oci.image.manifest.v1+json", ["digest"] = ManifestDigest, ["size"] = manifest.Length };
        if (RefName is not null)
        {
            descriptor["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = RefName };
        }

        var index = Json(new JsonObject { ["schemaVersion"] = 2, ["manifests"] = new JsonArray(descriptor) });

        using var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            if (IncludeOciLayout)
            {
                Add(writer, "oci-layout", """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray());
            }

            Add(writer, "index.json", index);
            foreach (var (digest, content) in blobs)
            {
                Add(writer, "blobs/sha256/" + digest["sha256:".Length..], content);
            }
        }

        return archive.ToArray();
    }

    public string ManifestDigest { get; private set; } = "";

    public static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private static byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));

    private static void Add(TarWriter writer, string name, byte[] content) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), Mode = (UnixFileMode)0b110_100_100 });
}
