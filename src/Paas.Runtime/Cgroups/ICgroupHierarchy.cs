namespace Paas.Runtime.Cgroups;

/// <summary>
/// One interface, a driver per hierarchy (crun's cgroup-internal.h): paths are absolute cgroup
/// paths such as "/paas/&lt;id&gt;", as given to the OCI runtime in linux.cgroupsPath.
/// </summary>
public interface ICgroupHierarchy
{
    bool IsV2 { get; }

    /// <summary>v1 needs memory.memsw.* (swap accounting) to cap memory + swap; v2 always has it.</summary>
    bool SwapAccounting { get; }

    bool Exists(string cgroupPath);

    /// <summary>Null when the cgroup is gone.</summary>
    CgroupCounters? Read(string cgroupPath);

    /// <summary>Removes the cgroup dir in every controller (children first); gone is fine.</summary>
    void Remove(string cgroupPath);
}
