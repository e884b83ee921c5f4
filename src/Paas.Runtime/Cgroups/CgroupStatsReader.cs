using System.Text.Json;
using Paas.Core.Containers;
using Paas.Runtime.Containers;

namespace Paas.Runtime.Cgroups;

/// <summary>
/// <see cref="IContainerStatsReader"/> over the cgroup files: per container a handful of small cgroup
/// files, at the cgroup path its record (tmpfs) names, read once per container and remembered (it
/// never changes). A container removed meanwhile makes a read fail (file or directory gone, ENODEV
/// from a cgroup being torn down): it is skipped, not an error. Calls are not concurrent (one sampler).
/// </summary>
public sealed class CgroupStatsReader(RuntimePaths paths, ICgroupHierarchy cgroups, TimeProvider time) : IContainerStatsReader
{
    private Dictionary<string, string> _cgroupPaths = new(StringComparer.Ordinal);

    public IReadOnlyList<ContainerStats> Read(IReadOnlyCollection<string> containerIds)
    {
        var stats = new List<ContainerStats>(containerIds.Count);
        var known = new Dictionary<string, string>(containerIds.Count, StringComparer.Ordinal);
        foreach (var id in containerIds)
        {
            if (CgroupPath(id) is not { } cgroupPath) continue;
            known[id] = cgroupPath;
            if (ReadOne(id, cgroupPath) is { } one) stats.Add(one);
        }
        // Only the containers asked about this time: removed ones are forgotten.
        _cgroupPaths = known;
        return stats;
    }

    private string? CgroupPath(string id)
    {
        if (_cgroupPaths.TryGetValue(id, out var known)) return known;
        // Ids come from the database: never let one name a path outside the containers dir.
        if (!ContainerIds.IsValid(id)) return null;
        try
        {
            return new ContainerDirectory(paths, id).ReadRecord().CgroupsPath;
        }
        catch (Exception e) when (e is IOException or JsonException or ContainerException)
        {
            return null; // gone (or being removed) while read
        }
    }

    private ContainerStats? ReadOne(string id, string cgroupPath)
    {
        try
        {
            var counters = cgroups.Read(cgroupPath);
            return counters is null
                ? null
                : new ContainerStats(id, counters.CpuTime, counters.MemoryBytes, counters.MemoryPeakBytes, counters.MemoryLimitBytes, counters.Pids,
                    time.GetUtcNow());
        }
        catch (IOException)
        {
            return null; // gone while read
        }
    }
}
