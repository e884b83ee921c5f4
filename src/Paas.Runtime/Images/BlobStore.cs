using Paas.Core.Images;
using Paas.Runtime.Images.Oci;

namespace Paas.Runtime.Images;

/// <summary>
/// Content-addressed blobs under images/blobs/sha256/&lt;hex&gt;. Blobs are written to a staging
/// dir on the same filesystem and renamed in only once complete and digested, so a blob file
/// always holds exactly the bytes its name says.
/// </summary>
internal sealed class BlobStore(string imagesDir)
{
    public string BlobsDir { get; } = Path.Combine(imagesDir, "blobs", "sha256");

    public string StagingDir { get; } = Path.Combine(imagesDir, "tmp");

    public string PathOf(string digest) => Path.Combine(BlobsDir, Digests.Hex(digest));

    public bool Exists(string digest) => File.Exists(PathOf(digest));

    public Stream OpenRead(string digest)
    {
        var path = PathOf(digest);
        return File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true)
            : throw new InvalidImageException($"blob {digest} is missing from {BlobsDir}");
    }

    /// <summary>Reads a small blob (manifest, config) and checks it still matches its digest.</summary>
    public async Task<byte[]> ReadAllBytesAsync(string digest, CancellationToken ct)
    {
        var path = PathOf(digest);
        if (!File.Exists(path))
        {
            throw new InvalidImageException($"blob {digest} is missing from {BlobsDir}");
        }

        var bytes = await File.ReadAllBytesAsync(path, ct);
        var actual = Digests.Of(bytes);
        return actual == digest ? bytes : throw new InvalidImageException($"blob {path} is corrupt: its content hashes to {actual}");
    }

    /// <summary>Writes through <paramref name="write"/> into a staging file, digesting as it goes.</summary>
    public async Task<StagedBlob> StageAsync(Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        Directory.CreateDirectory(StagingDir);
        var temp = Path.Combine(StagingDir, $"blob-{Guid.NewGuid():N}");
        try
        {
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using var hashing = new HashingStream(file, leaveOpen: true);
            await write(hashing, ct);
            await hashing.FlushAsync(ct);
            file.Flush(flushToDisk: true);
            return new StagedBlob(temp, hashing.Digest(), hashing.BytesHashed);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public Task<StagedBlob> StageBytesAsync(byte[] content, CancellationToken ct) =>
        StageAsync((s, c) => s.WriteAsync(content, c).AsTask(), ct);

    /// <summary>Moves a staged blob into place (call under the store lock, so GC cannot race it).</summary>
    public void Publish(StagedBlob blob)
    {
        Directory.CreateDirectory(BlobsDir);
        var target = PathOf(blob.Digest);
        if (File.Exists(target))
        {
            File.Delete(blob.TempPath);
            return;
        }

        File.Move(blob.TempPath, target);
    }

    public void Discard(StagedBlob? blob)
    {
        if (blob is not null)
        {
            File.Delete(blob.TempPath);
        }
    }

    public IEnumerable<string> AllDigests() =>
        Directory.Exists(BlobsDir)
            ? Directory.EnumerateFiles(BlobsDir).Select(p => Digests.Sha256Prefix + Path.GetFileName(p)).Where(Digests.IsValid)
            : [];

    public void Delete(string digest) => File.Delete(PathOf(digest));

    /// <summary>Removes staging files and import dirs a crashed process left; live ones are younger than <paramref name="olderThan"/>.</summary>
    public void SweepStaging(TimeSpan olderThan, DateTimeOffset now)
    {
        if (!Directory.Exists(StagingDir))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(StagingDir).EnumerateFileSystemInfos())
        {
            if (now - entry.LastWriteTimeUtc > olderThan)
            {
                if (entry is DirectoryInfo dir)
                {
                    dir.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }
    }
}
