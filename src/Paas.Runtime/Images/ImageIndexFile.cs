using Paas.Core.Images;
using Paas.Runtime.Images.Oci;

namespace Paas.Runtime.Images;

/// <summary>
/// images/index.json and the lock that serializes its writers. Readers need no lock: the file is
/// only ever replaced whole by rename.
/// </summary>
internal sealed class ImageIndexFile(string imagesDir)
{
    private readonly string _path = Path.Combine(imagesDir, "index.json");
    private readonly string _lockPath = Path.Combine(imagesDir, "index.lock");

    public async Task<FileLock> LockAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(imagesDir);
        return await FileLock.AcquireAsync(_lockPath, ct);
    }

    public async Task<OciIndex> ReadAsync(CancellationToken ct)
    {
        if (!File.Exists(_path))
        {
            return OciIndex.Empty;
        }

        var index = OciJson.Parse<OciIndex>(await File.ReadAllBytesAsync(_path, ct), _path);
        return index.SchemaVersion == 2 ? index : throw new InvalidImageException($"{_path}: unsupported schemaVersion {index.SchemaVersion}");
    }

    /// <summary>Replaces index.json atomically; call while holding <see cref="LockAsync"/>.</summary>
    public async Task WriteAsync(OciIndex index, CancellationToken ct)
    {
        var layoutFile = Path.Combine(imagesDir, OciLayout.FileName);
        if (!File.Exists(layoutFile))
        {
            await AtomicFile.WriteAllBytesAsync(layoutFile, OciJson.Serialize(new OciLayout(OciLayout.Version)), ct);
        }

        await AtomicFile.WriteAllBytesAsync(_path, OciJson.Serialize(index), ct);
    }
}
