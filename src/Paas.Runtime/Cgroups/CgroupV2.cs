namespace Paas.Runtime.Cgroups;

/// <summary>cgroup v2: one unified hierarchy at /sys/fs/cgroup.</summary>
public sealed class CgroupV2(string mountRoot = "/sys/fs/cgroup") : ICgroupHierarchy
{
    public bool IsV2 => true;

    public bool SwapAccounting => true;

    public bool Exists(string cgroupPath) => Directory.Exists(Dir(cgroupPath));

    public CgroupCounters? Read(string cgroupPath)
    {
        var dir = Dir(cgroupPath);
        if (!Directory.Exists(dir)) return null;
        var usageMicros = CgroupFiles.ReadKey(Path.Combine(dir, "cpu.stat"), "usage_usec") ?? 0;
        return new CgroupCounters(
            TimeSpan.FromMicroseconds(usageMicros),
            CgroupFiles.ReadLong(Path.Combine(dir, "memory.current")) ?? 0,
            // memory.peak exists from Linux 5.19.
            CgroupFiles.ReadLong(Path.Combine(dir, "memory.peak")),
            CgroupFiles.ReadLong(Path.Combine(dir, "memory.max")),
            (int)(CgroupFiles.ReadLong(Path.Combine(dir, "pids.current")) ?? 0),
            CgroupFiles.ReadKey(Path.Combine(dir, "memory.events"), "oom_kill") ?? 0);
    }

    public void Remove(string cgroupPath) => CgroupFiles.RemoveTree(Dir(cgroupPath));

    private string Dir(string cgroupPath) => mountRoot + "/" + cgroupPath.TrimStart('/');
}
