namespace Paas.Runtime.Cgroups;

public static class CgroupHierarchy
{
    /// <summary>Pure v2 hosts have cgroup.controllers at the mount root (runc docs/cgroup-v2.md); hybrid hosts count as v1.</summary>
    public static ICgroupHierarchy Detect(string mountRoot = "/sys/fs/cgroup") =>
        File.Exists(Path.Combine(mountRoot, "cgroup.controllers")) ? new CgroupV2(mountRoot) : new CgroupV1(mountRoot);
}
