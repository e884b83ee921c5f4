using System.Globalization;
using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Core.Stacks;
using Paas.Runtime.Images;

namespace Paas.Runtime.Stacks;

/// <summary>
/// Stacks are images named "stack/&lt;name&gt;": built in a scratch dir under
/// <see cref="RuntimePaths.Stacks"/>, committed as one layer, described by image labels.
/// The default stack is configuration and lives in PostgreSQL, not here.
/// </summary>
public sealed class StackStore(RuntimePaths paths, IImageStore images, TimeProvider? time = null) : IStackStore
{
    private const string CreatedLabel = "paas.stack.created";
    private const string ReferencePrefix = "stack/";

    private static readonly IReadOnlyList<string> StackEnv =
        ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"];

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Where debootstrap downloads from; defaults to this host's apt mirror for bookworm.</summary>
    public string Mirror { get; init; } = AptMirror.ForSuite(DebootstrapStackBuilder.Suite);

    public async Task<Stack> CreateAsync(string name, StackSource source, CancellationToken ct)
    {
        StackName.Validate(name);
        var reference = Stack.ReferenceFor(name);
        if (await images.FindAsync(reference, ct) is not null)
        {
            throw new StackAlreadyExistsException(name);
        }

        Directory.CreateDirectory(paths.Stacks);
        var rootfs = Path.Combine(paths.Stacks, $".build-{name}-{Guid.NewGuid():N}");
        var createdAt = _time.GetUtcNow();
        var labels = new Dictionary<string, string>
        {
            [ImageLabels.StackName] = name,
            [ImageLabels.StackSource] = source.ToString().ToLowerInvariant(),
            [CreatedLabel] = createdAt.ToString("O", CultureInfo.InvariantCulture),
        };
        try
        {
            Directory.CreateDirectory(rootfs);
            switch (source)
            {
                case StackSource.Host:
                    labels[ImageLabels.StackBinds] = StackBinds.Format(HostStackBuilder.Build(rootfs));
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
            await images.CommitDirectoryAsync(reference, rootfs, config, baseReference: null, ct);
            return new Stack(name, source, reference, createdAt);
        }
        finally
        {
            MountCleanup.UnmountAndDelete(rootfs);
        }
    }

    public async Task<IReadOnlyList<Stack>> ListAsync(CancellationToken ct) =>
        (await images.ListAsync(ct))
            .Select(ToStack)
            .OfType<Stack>()
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

    public async Task<Stack?> FindAsync(string name, CancellationToken ct) =>
        StackName.IsValid(name) && await images.FindAsync(Stack.ReferenceFor(name), ct) is { } image ? ToStack(image) : null;

    public async Task DeleteAsync(string name, CancellationToken ct)
    {
        if (await FindAsync(name, ct) is null)
        {
            throw new StackNotFoundException(name);
        }

        await images.DeleteAsync(Stack.ReferenceFor(name), ct);
    }

    private static Stack? ToStack(Image image)
    {
        if (!image.Reference.StartsWith(ReferencePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = image.Reference[ReferencePrefix.Length..];
        if (!StackName.IsValid(name))
        {
            return null;
        }

        var labels = image.Config.Labels;
        var source = labels.TryGetValue(ImageLabels.StackSource, out var s) && Enum.TryParse<StackSource>(s, ignoreCase: true, out var parsed)
            ? parsed
            : StackSource.Debootstrap;
        var createdAt = labels.TryGetValue(CreatedLabel, out var c) && DateTimeOffset.TryParse(c, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : DateTimeOffset.UnixEpoch;
        return new Stack(name, source, image.Reference, createdAt);
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
