namespace Paas.Core.Limits;

/// <summary>
/// cgroup limits of one container. A null field means "inherit" when stored per app or per
/// process type, and is filled from <see cref="Defaults"/> before a container starts.
/// </summary>
public sealed record ResourceLimits(long? MemoryBytes, decimal? Cpus, int? Pids)
{
    public const long MiB = 1024 * 1024;

    /// <summary>App containers: 512 MiB, 1 CPU, 512 pids (DESIGN §5).</summary>
    public static ResourceLimits Defaults { get; } = new(512 * MiB, 1m, 512);

    /// <summary>Build containers: 2 GiB, all CPUs (null), 2048 pids (DESIGN §5).</summary>
    public static ResourceLimits BuildDefaults { get; } = new(2048 * MiB, null, 2048);

    public static ResourceLimits None { get; } = new(null, null, null);

    /// <summary>Fields set here win; unset ones come from <paramref name="fallback"/>.</summary>
    public ResourceLimits Over(ResourceLimits fallback) =>
        new(MemoryBytes ?? fallback.MemoryBytes, Cpus ?? fallback.Cpus, Pids ?? fallback.Pids);
}
