using System.Text.Json;
using Paas.Core.Containers;
using Paas.Runtime.Containers;

namespace Paas.Runtime.Cgroups;

/// <summary>
/// <see cref="IContainerStatsReader"/> over the cgroup files: per container, its record (tmpfs) for
/// the cgroup path, then a handful of small cgroup files. A container removed meanwhile makes a read
/// fail (file or directory gone, ENODEV from a cgroup being torn down): it is skipped, not an error.
/// </summary>
public sealed class CgroupStatsReader(RuntimePaths paths, ICgroupHierarchy cgroups, TimeProvider time) : IContainerStatsReader
{
    public IReadOnlyList<ContainerStats> Read(IReadOnlyCollection<string> containerIds)
    {
        var stats = new List<ContainerStats>(containerIds.Count);
        foreach (var id in containerIds)
            if (ReadOne(id) is { } one) stats.Add(one);
        return stats;
    }

    private ContainerStats? ReadOne(string id)
    {
        // Ids come from the database: never let one name a path outside the containers dir.
        if (!ContainerIds.IsValid(id)) return null;
        try
        {
            var record = new ContainerDirectory(paths, id).ReadRecord();
            var counters = cgroups.Read(record.CgroupsPath);
            return counters is null
                ? null
                : new ContainerStats(id, counters.CpuTime, counters.MemoryBytes, counters.MemoryPeakBytes, counters.MemoryLimitBytes, counters.Pids,
                    time.GetUtcNow());
        }
        catch (IOException)
        {
            return null; // gone while read
        }
        catch (JsonException)
        {
            return null; // record being rewritten or removed
        }
        catch (ContainerException)
        {
            return null;
        }
    }
}
