using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Core.Stacks;
using Paas.Runtime.Images;

namespace Paas.Runtime.Stacks;

/// <summary>
/// Stacks are images named "stack/&lt;name&gt;" that paasd built itself: built in a scratch dir under
/// <see cref="RuntimePaths.Stacks"/>, committed as one layer, and recorded in <see cref="StackRecords"/>
/// (what was built, and the host paths it binds). An image under stack/ without a record (an
/// interrupted build) is no stack. The default stack is configuration and lives in PostgreSQL.
/// </summary>
public sealed class StackStore(RuntimePaths paths, IImageStore images, TimeProvider? time = null) : IStackStore
{
    private static readonly IReadOnlyList<string> StackEnv =
        ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"];

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly StackRecords _records = new(paths.Stacks);

    /// <summary>Where debootstrap downloads from; defaults to this host's apt mirror for bookworm.</summary>
    public string Mirror { get; init; } = AptMirror.ForSuite(DebootstrapStackBuilder.Suite);

    public async Task<Stack> CreateAsync(string name, StackSource source, CancellationToken ct)
    {
        StackName.Validate(name);
        if (_records.Find(name) is not null)
        {
            throw new StackAlreadyExistsException(name);
        }

        _records.EnsurePrivateDir();
        var reference = Stack.ReferenceFor(name);
        var rootfs = Path.Combine(paths.Stacks, $".build-{name}-{Guid.NewGuid():N}");
        var createdAt = _time.GetUtcNow();
        var labels = new Dictionary<string, string>
        {
            [ImageLabels.StackName] = name,
            [ImageLabels.StackSource] = source.ToString().ToLowerInvariant(),
        };
        try
        {
            Directory.CreateDirectory(rootfs);
            IReadOnlyList<string> binds = [];
            switch (source)
            {
                case StackSource.Host:
                    binds = HostStackBuilder.Build(rootfs);
                    HostBindSubmounts.EnsureNone(binds, binds.SelectMany(MountCleanup.MountsUnder));
                    break;
                case StackSource.Debootstrap:
                    var run = new BuildStepRunner(Path.Combine(paths.Stacks, $"{name}.build.log"));
                    await DebootstrapStackBuilder.BuildAsync(rootfs, Mirror, run, ct);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(source), source, "unknown stack source");
            }

            // Committed only now: `rootfs` must hold no mounts (debootstrap's /proc, /dev) when tarred.
            MountCleanupGuard(rootfs);
            var config = new ImageConfig(StackEnv, [], [], "", "", labels);
            var image = await images.CommitDirectoryAsync(reference, rootfs, config, baseReference: null, ct);
            _records.Write(new StackRecord(name, source, createdAt, image.ManifestDigest, image.LayerDigests, binds));
            return new Stack(name, source, reference, createdAt);
        }
        finally
        {
            MountCleanup.UnmountAndDelete(rootfs);
        }
    }

    public async Task<IReadOnlyList<Stack>> ListAsync(CancellationToken ct)
    {
        var stacks = new List<Stack>();
        foreach (var record in _records.All())
        {
            if (await FindBuiltAsync(record, ct) is { } stack)
            {
                stacks.Add(stack);
            }
        }

        return stacks;
    }

    public async Task<Stack?> FindAsync(string name, CancellationToken ct) =>
        _records.Find(name) is { } record ? await FindBuiltAsync(record, ct) : null;

    public async Task DeleteAsync(string name, CancellationToken ct)
    {
        var record = _records.Find(name);
        if (record is null || await FindBuiltAsync(record, ct) is null)
        {
            throw new StackNotFoundException(name);
        }

        // Containers of images on this stack get their binds from its record: refuse when deleting
        // it would change any image's binds (another stack with the same layer can stand in).
        var reference = Stack.ReferenceFor(name);
        var all = _records.All();
        var others = all.Where(r => r.Name != name).ToList();
        var builtOnIt = (await images.ListAsync(ct))
            .Where(i => i.Reference != reference && record.IsBaseOf(i.LayerDigests))
            .Where(i => !StackRecords.BindsFor(all, i.LayerDigests).SequenceEqual(StackRecords.BindsFor(others, i.LayerDigests)))
            .Select(i => i.Reference)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (builtOnIt.Count > 0)
        {
            throw new ImageInUseException(reference,
                $"stack '{name}' is the base of {string.Join(", ", builtOnIt)}, whose host binds come from it: delete those images first (`paas images:delete REF`)");
        }

        _records.Delete(name);
        await images.DeleteAsync(reference, ct);
    }

    /// <summary>The stack, if the image paasd committed for it is still the one under its reference.</summary>
    private async Task<Stack?> FindBuiltAsync(StackRecord record, CancellationToken ct)
    {
        var reference = Stack.ReferenceFor(record.Name);
        return await images.FindAsync(reference, ct) is { } image && image.ManifestDigest == record.ManifestDigest
            ? new Stack(record.Name, record.Source, reference, record.CreatedAt)
            : null;
    }

    private static void MountCleanupGuard(string rootfs)
    {
        var mounts = MountCleanup.MountsUnder(Path.GetFullPath(rootfs)).ToList();
        if (mounts.Count > 0)
        {
            throw new StackBuildException($"the stack build left mounts in {rootfs}: {string.Join(", ", mounts)}");
        }
    }
}
