using Paas.Core.Containers;
using Paas.Core.Files;
using Paas.Core.Images;
using Paas.Core.Stacks;
using Paas.Runtime.Images.Layers;
using Paas.Runtime.Images.Oci;
using Paas.Runtime.Stacks;
using Paas.Runtime.UserNamespaces;

namespace Paas.Runtime.Images;

/// <summary>
/// Images in an OCI image layout under <see cref="RuntimePaths.Images"/> (index.json names them
/// with org.opencontainers.image.ref.name), layers unpacked once under <see cref="RuntimePaths.Layers"/>.
/// Blobs are staged and digested first, then published and indexed together under one lock, so
/// concurrent writers and deleters never see or leave a half-written image. Imports are checked
/// whole (every layer entry, expansion within <see cref="ImageLimits"/>) before anything is
/// published, and may not write stack references. Host binds come from <see cref="StackRecords"/>
/// (stacks paasd built), never from the image's config.
/// </summary>
public sealed class OciImageStore : IImageStore
{
    private readonly BlobStore _blobs;
    private readonly ImageIndexFile _index;
    private readonly LayerCache _layers;
    private readonly StackRecords _stacks;
    private readonly ImageLimits _limits;
    private readonly TimeProvider _time;

    /// <param name="userNamespace">
    /// The containers' user namespace (<see cref="Containers.ContainerRuntimeOptions.UserNamespace"/>):
    /// layers are unpacked with their owners shifted into it, and committed directories shifted back.
    /// </param>
    public OciImageStore(RuntimePaths paths, TimeProvider? time = null, ImageLimits? limits = null, UserNamespaceMapping? userNamespace = null)
    {
        // Blobs hold every app's slug (its code, and whatever secrets it ships): root only, like
        // the unpacked layers. Set on every start, so a store made by an older version closes too.
        Directory.CreateDirectory(paths.Images);
        File.SetUnixFileMode(paths.Images, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _blobs = new BlobStore(paths.Images);
        _index = new ImageIndexFile(paths.Images);
        _layers = new LayerCache(paths.Layers, _blobs, userNamespace);
        _stacks = new StackRecords(paths.Stacks);
        _limits = limits ?? new ImageLimits();
        _time = time ?? TimeProvider.System;
        UserNamespace = userNamespace;
    }

    public UserNamespaceMapping? UserNamespace { get; }

    public async Task<Image> CommitDirectoryAsync(
        string reference, string directory, ImageConfig config, string? baseReference, CancellationToken ct)
    {
        ImageReference.Validate(reference);
        var baseImage = baseReference is null
            ? null
            : await FindStoredAsync(baseReference, ct) ?? throw new ImageNotFoundException(baseReference);

        StagedBlob? layer = null, configBlob = null, manifestBlob = null;
        try
        {
            layer = await _blobs.StageAsync((s, c) => LayerTarWriter.WriteAsync(directory, s, UserNamespace, c), ct);
            var now = _time.GetUtcNow();
            var merged = baseImage is null ? config : ImageConfigMapper.Inherit(ImageConfigMapper.ToImageConfig(baseImage.Config.Config), config);

            // Uncompressed layer: its diff_id is its digest, and unpacking needs no inflate.
            var configFile = new OciImageConfigFile(
                Architecture: ImageConfigMapper.CurrentArchitecture(),
                Os: "linux",
                Rootfs: new OciRootfs("layers", [.. baseImage?.Config.Rootfs.DiffIds ?? [], layer.Digest]),
                Config: ImageConfigMapper.ToOci(merged),
                Created: now,
                History: [.. baseImage?.Config.History ?? [], new OciHistory(now, $"paas commit {reference}")]);
            configBlob = await _blobs.StageBytesAsync(OciJson.Serialize(configFile), ct);

            var manifest = new OciManifest(
                SchemaVersion: 2,
                Config: new OciDescriptor(OciMediaTypes.Config, configBlob.Digest, configBlob.Size),
                Layers: [.. baseImage?.Manifest.Layers ?? [], new OciDescriptor(OciMediaTypes.LayerTar, layer.Digest, layer.Size)],
                MediaType: OciMediaTypes.Manifest);
            manifestBlob = await _blobs.StageBytesAsync(OciJson.Serialize(manifest), ct);

            var descriptor = new OciDescriptor(OciMediaTypes.Manifest, manifestBlob.Digest, manifestBlob.Size, RefAnnotations(reference));
            using (await _index.LockAsync(ct))
            {
                if (baseImage is not null && baseImage.Manifest.Layers.Any(l => !_blobs.Exists(l.Digest)))
                {
                    throw new ImageNotFoundException(baseReference!); // Deleted while we were packing.
                }

                _blobs.Publish(layer);
                _blobs.Publish(configBlob);
                _blobs.Publish(manifestBlob);
                await SetReferenceAsync(descriptor, ct);
            }

            return ToImage(new StoredImage(reference, descriptor, manifest, configFile));
        }
        finally
        {
            DiscardIfStaged(layer, configBlob, manifestBlob);
        }
    }

    public async Task<Image?> FindAsync(string referenceOrDigest, CancellationToken ct) =>
        await FindStoredAsync(referenceOrDigest, ct) is { } stored ? ToImage(stored) : null;

    public async Task<IReadOnlyList<Image>> ListAsync(CancellationToken ct)
    {
        var index = await _index.ReadAsync(ct);
        var images = new List<Image>();
        foreach (var descriptor in index.Manifests.Where(d => d.RefName is not null))
        {
            images.Add(ToImage(await LoadAsync(descriptor.RefName!, descriptor, ct)));
        }

        return images;
    }

    public async Task<RootfsPlan> ResolveRootfsAsync(string referenceOrDigest, CancellationToken ct)
    {
        var stored = await FindStoredAsync(referenceOrDigest, ct) ?? throw new ImageNotFoundException(referenceOrDigest);
        var lowerDirs = new List<string>();
        foreach (var layer in stored.Manifest.Layers)
        {
            lowerDirs.Add(await _layers.EnsureUnpackedAsync(layer, ct));
        }

        lowerDirs.Reverse(); // overlayfs lowerdir= lists the top-most layer first.
        var binds = _stacks.BindsFor(stored.Manifest.Layers.Select(l => l.Digest).ToList());
        return new RootfsPlan(lowerDirs, binds);
    }

    public async Task ExportAsync(string reference, Stream ociArchive, CancellationToken ct)
    {
        var stored = await FindStoredAsync(reference, ct) ?? throw new ImageNotFoundException(reference);
        await OciArchiveWriter.WriteAsync(_blobs, stored, ExportAnnotations(stored.Reference), _time.GetUtcNow(), ociArchive, ct);
    }

    public async Task<Image> ImportAsync(Stream ociArchive, string? reference, CancellationToken ct)
    {
        if (reference is not null)
        {
            ImageReference.Validate(reference);
            RefuseStackReference(reference);
        }

        await using var archive = await OciArchiveReader.ReadAsync(_blobs, _limits, ociArchive, reference, ct);
        RefuseStackReference(archive.Reference);
        var descriptor = new OciDescriptor(OciMediaTypes.Manifest, archive.ManifestDigest, archive.ManifestSize, RefAnnotations(archive.Reference));
        using (await _index.LockAsync(ct))
        {
            archive.Publish();
            await SetReferenceAsync(descriptor, ct);
        }

        return ToImage(new StoredImage(archive.Reference, descriptor, archive.Manifest, archive.Config));
    }

    public async Task DeleteAsync(string reference, CancellationToken ct)
    {
        if (Stack.IsStackReference(reference) && _stacks.Find(reference[Stack.ReferencePrefix.Length..]) is not null)
        {
            throw new ImageInUseException(reference,
                $"image '{reference}' is a stack: delete it with `paas stacks:delete {reference[Stack.ReferencePrefix.Length..]}`");
        }

        var detached = new List<string>();
        using (await _index.LockAsync(ct))
        {
            var index = await _index.ReadAsync(ct);
            var removed = index.Manifests.Where(d => d.RefName == reference).ToList();
            if (removed.Count == 0)
            {
                throw new ImageNotFoundException(reference);
            }

            var kept = index.Manifests.Except(removed).ToList();
            await _index.WriteAsync(index with { Manifests = kept }, ct);

            // Garbage: blobs no remaining image references (this also sweeps blobs of a crashed import).
            var live = new HashSet<string>(StringComparer.Ordinal);
            foreach (var descriptor in kept.DistinctBy(d => d.Digest))
            {
                var manifest = await ReadManifestAsync(descriptor.Digest, ct);
                live.Add(descriptor.Digest);
                live.Add(manifest.Config.Digest);
                live.UnionWith(manifest.Layers.Select(l => l.Digest));
            }

            foreach (var digest in _blobs.AllDigests().Where(d => !live.Contains(d)).ToList())
            {
                _blobs.Delete(digest);
                // Callers (the Engine) delete an image only when no container runs on it: its
                // unpacked layers go with it, unless another image shares them.
                detached.AddRange(await _layers.DetachAsync(digest, ct));
            }

            _blobs.SweepStaging(TimeSpan.FromDays(1), _time.GetUtcNow());
        }

        foreach (var doomed in detached)
        {
            Directory.Delete(doomed, recursive: true);
        }
    }

    public async Task<long> ExclusiveSizeBytesAsync(IReadOnlyCollection<string> references, CancellationToken ct)
    {
        var wanted = new HashSet<string>(references, StringComparer.Ordinal);
        var theirs = new HashSet<string>(StringComparer.Ordinal);
        var others = new HashSet<string>(StringComparer.Ordinal);
        foreach (var descriptor in (await _index.ReadAsync(ct)).Manifests)
        {
            var holder = descriptor.RefName is { } name && wanted.Contains(name) ? theirs : others;
            var manifest = await ReadManifestAsync(descriptor.Digest, ct);
            holder.Add(descriptor.Digest);
            holder.Add(manifest.Config.Digest);
            holder.UnionWith(manifest.Layers.Select(l => l.Digest));
        }

        theirs.ExceptWith(others);
        long total = 0;
        foreach (var digest in theirs)
        {
            total += DirectorySize.Of(_blobs.PathOf(digest));
            total += _layers.CopiesOf(digest).Sum(DirectorySize.Of);
        }

        return total;
    }

    /// <summary>stack/* names what paasd built as a stack (with host binds): an archive may not take or replace one.</summary>
    private static void RefuseStackReference(string reference)
    {
        if (Stack.IsStackReference(reference))
        {
            throw new ImageInUseException(reference,
                $"reference '{reference}' is reserved for stacks paasd builds itself (`paas stacks:create`); import the archive under another reference (--reference)");
        }
    }

    private async Task SetReferenceAsync(OciDescriptor descriptor, CancellationToken ct)
    {
        var index = await _index.ReadAsync(ct);
        var others = index.Manifests.Where(d => d.RefName != descriptor.RefName);
        await _index.WriteAsync(index with { Manifests = [.. others, descriptor], MediaType = OciMediaTypes.Index }, ct);
    }

    private async Task<StoredImage?> FindStoredAsync(string referenceOrDigest, CancellationToken ct)
    {
        var index = await _index.ReadAsync(ct);
        var isDigest = referenceOrDigest.StartsWith(Digests.Sha256Prefix, StringComparison.Ordinal);
        var descriptor = index.Manifests.LastOrDefault(d => isDigest ? d.Digest == referenceOrDigest : d.RefName == referenceOrDigest);
        return descriptor is null ? null : await LoadAsync(descriptor.RefName ?? referenceOrDigest, descriptor, ct);
    }

    private async Task<StoredImage> LoadAsync(string reference, OciDescriptor descriptor, CancellationToken ct)
    {
        var manifest = await ReadManifestAsync(descriptor.Digest, ct);
        var config = ImageValidation.ParseConfig(await _blobs.ReadAllBytesAsync(manifest.Config.Digest, ct), manifest);
        return new StoredImage(reference, descriptor, manifest, config);
    }

    private async Task<OciManifest> ReadManifestAsync(string digest, CancellationToken ct) =>
        ImageValidation.ParseManifest(await _blobs.ReadAllBytesAsync(digest, ct), digest);

    private static Image ToImage(StoredImage stored) => new(
        stored.Reference,
        stored.ManifestDescriptor.Digest,
        ImageConfigMapper.ToImageConfig(stored.Config.Config),
        stored.Manifest.Layers.Select(l => l.Digest).ToList());

    private static Dictionary<string, string> RefAnnotations(string reference) =>
        new() { [OciMediaTypes.RefNameAnnotation] = reference };

    private static Dictionary<string, string> ExportAnnotations(string reference) => new()
    {
        [OciMediaTypes.RefNameAnnotation] = reference,
        // Docker names a loaded OCI image from this one; it wants a full name with a tag.
        [OciMediaTypes.ContainerdNameAnnotation] = "localhost/" + (reference.Contains(':') ? reference : reference + ":latest"),
    };

    private void DiscardIfStaged(params StagedBlob?[] staged)
    {
        foreach (var blob in staged)
        {
            if (blob is not null && File.Exists(blob.TempPath))
            {
                _blobs.Discard(blob);
            }
        }
    }
}
