using Paas.Core.Containers;

namespace Paas.Runtime.Containers;

/// <summary>What the runtime remembers about a container (container.json in its directory).</summary>
public sealed record ContainerRecord(
    string Id,
    ContainerSpec Spec,
    DateTimeOffset CreatedAt,
    string CgroupsPath,
    string App,
    string ProcessType,
    string LogPath,
    string? IpAddress);
