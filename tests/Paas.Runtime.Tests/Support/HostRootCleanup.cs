using Paas.Runtime.Cgroups;
using Paas.Testing;

namespace Paas.Runtime.Tests.Support;

/// <summary>
/// Last line of defence for a test root: kills what still runs from it, unmounts whatever is
/// mounted below it (deepest first), removes the /paas/&lt;id&gt; cgroups of its containers and deletes it.
/// </summary>
internal static class HostRootCleanup
{
    public static void Remove(string root)
    {
        if (!Directory.Exists(root)) return;
        var containers = new Paas.Core.Containers.RuntimePaths(root).Containers;
        var ids = Directory.Exists(containers)
            ? Directory.GetDirectories(containers).Select(Path.GetFileName).OfType<string>().ToList()
            : [];
        foreach (var id in ids) KillCgroup("/paas/" + id);

        MountsBelow.Unmount(root);

        var cgroups = CgroupHierarchy.Detect();
        foreach (var id in ids)
        {
            try { cgroups.Remove("/paas/" + id); }
            catch (IOException) { }
        }
        Directory.Delete(root, recursive: true);
    }

    /// <summary>SIGKILL every process still in the container's cgroup (v1 pids or v2 unified).</summary>
    private static void KillCgroup(string cgroupPath)
    {
        foreach (var procs in new[] { $"/sys/fs/cgroup/pids{cgroupPath}/cgroup.procs", $"/sys/fs/cgroup{cgroupPath}/cgroup.procs" })
        {
            if (!File.Exists(procs)) continue;
            foreach (var line in File.ReadAllLines(procs))
                if (int.TryParse(line, out var pid))
                    try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (Exception) { }
        }
        Thread.Sleep(100);
    }
}
