using Paas.Runtime.UserNamespaces;

namespace Paas.Runtime.Containers;

/// <summary>
/// Host tools and policy. <see cref="Runtime"/> "auto" picks crun on pure cgroup v2 hosts where it
/// is installed (crun refuses hybrid hierarchies) and runc everywhere else.
/// </summary>
public sealed record ContainerRuntimeOptions
{
    public string Runtime { get; init; } = "auto";
    public string ConmonPath { get; init; } = "/usr/bin/conmon";

    /// <summary>Static tini, bound read-only into every container as PID 1 so it works on any stack.</summary>
    public string InitPath { get; init; } = "/usr/bin/tini-static";

    /// <summary>Host dirs volumes may come from, besides $ROOT/volumes.</summary>
    public IReadOnlyList<string> AllowedVolumeRoots { get; init; } = [];

    /// <summary>
    /// Keep a conmon started ahead of time for the next create (<see cref="MonitorPool"/>): one idle
    /// process, 2-3 ms off every create. paasd turns it on; a runtime that has it must be disposed.
    /// </summary>
    public bool PrelaunchMonitor { get; init; }

    /// <summary>
    /// The user namespace of every container (paasd reads it from /etc/subuid with
    /// <see cref="SubordinateIds"/>): container root is then an unprivileged host uid. The image
    /// store must be built with the same mapping, since it stores layers shifted into it. Null runs
    /// containers in the host's user namespace (container root is host root): for tools and tests only.
    /// </summary>
    public UserNamespaceMapping? UserNamespace { get; init; }

    /// <summary>Bound read-only as the container's /etc/resolv.conf when it has a network.</summary>
    public string ResolvConf { get; init; } = "/etc/resolv.conf";
}
