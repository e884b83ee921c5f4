namespace Paas.Runtime.Cgroups;

/// <summary>cgroup v1: one hierarchy per controller under /sys/fs/cgroup/&lt;controller&gt;.</summary>
public sealed class CgroupV1(string mountRoot = "/sys/fs/cgroup") : ICgroupHierarchy
{
    private static readonly string[] Controllers =
        ["memory", "cpu", "cpuacct", "pids", "blkio", "devices", "freezer", "cpuset", "net_cls", "net_prio", "perf_event", "hugetlb", "rdma", "misc", "systemd"];

    public bool IsV2 => false;

    public bool SwapAccounting => File.Exists(Path.Combine(mountRoot, "memory", "memory.memsw.limit_in_bytes"));

    public bool Exists(string cgroupPath) =>
        Directory.Exists(Dir("memory", cgroupPath)) || Directory.Exists(Dir("pids", cgroupPath));

    public CgroupCounters? Read(string cgroupPath)
    {
        var memory = Dir("memory", cgroupPath);
        if (!Directory.Exists(memory)) return null;
        var cpuNs = CgroupFiles.ReadLong(Path.Combine(Dir("cpuacct", cgroupPath), "cpuacct.usage")) ?? 0;
        var limit = CgroupFiles.ReadLong(Path.Combine(memory, "memory.limit_in_bytes"));
        return new CgroupCounters(
            TimeSpan.FromTicks(cpuNs / 100),
            CgroupFiles.ReadLong(Path.Combine(memory, "memory.usage_in_bytes")) ?? 0,
            CgroupFiles.ReadLong(Path.Combine(memory, "memory.max_usage_in_bytes")),
            // v1 reports "no limit" as a huge page-aligned number.
            limit is > (long.MaxValue / 2) ? null : limit,
            (int)(CgroupFiles.ReadLong(Path.Combine(Dir("pids", cgroupPath), "pids.current")) ?? 0),
            CgroupFiles.ReadKey(Path.Combine(memory, "memory.oom_control"), "oom_kill") ?? 0);
    }

    public void Remove(string cgroupPath)
    {
        foreach (var controller in Controllers.Distinct())
            CgroupFiles.RemoveTree(Dir(controller, cgroupPath));
    }

    private string Dir(string controller, string cgroupPath) =>
        Path.Combine(mountRoot, controller) + "/" + cgroupPath.TrimStart('/');
}
