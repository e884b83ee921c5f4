using Paas.Core.Containers;
using Paas.Runtime.Oci;

namespace Paas.Runtime.Containers;

/// <summary>
/// What the runtime remembers about a container (container.json in its directory). Once the
/// runtime created it, <see cref="Init"/> and <see cref="Monitor"/> name its init process and its
/// conmon by pid, start time and boot, so that a pid reused by another process is never taken
/// for this container's. An attached container (<see cref="Attach.AttachedRun"/>) has no
/// <see cref="LogPath"/>: its output goes only to <see cref="AttachedTo"/>, the process that runs it.
/// </summary>
public sealed record ContainerRecord(
    string Id,
    ContainerSpec Spec,
    DateTimeOffset CreatedAt,
    string CgroupsPath,
    string App,
    string ProcessType,
    string? LogPath,
    string? IpAddress,
    ProcessIdentity? Init = null,
    ProcessIdentity? Monitor = null,
    ProcessIdentity? AttachedTo = null);
