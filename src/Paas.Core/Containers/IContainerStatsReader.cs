namespace Paas.Core.Containers;

/// <summary>
/// Reads many containers' cgroup counters in one pass, for the metrics sampler: file reads only, no
/// process per container. A container that is gone (or goes while it is read) is left out.
/// </summary>
public interface IContainerStatsReader
{
    IReadOnlyList<ContainerStats> Read(IReadOnlyCollection<string> containerIds);
}
