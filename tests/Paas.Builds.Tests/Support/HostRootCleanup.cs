using Paas.Core.Containers;
using Paas.Runtime.Cgroups;
using Paas.Testing;

namespace Paas.Builds.Tests.Support;

/// <summary>Last line of defence for a test root: kills what still runs from it, detaches its mounts, removes its containers' cgroups.</summary>
internal static class HostRootCleanup
{
    public static void Remove(RuntimePaths paths)
    {
        var ids = Directory.Exists(paths.Containers)
            ? Directory.GetDirectories(paths.Containers).Select(System.IO.Path.GetFileName).OfType<string>().ToList()
            : [];
        var cgroups = CgroupHierarchy.Detect();
        foreach (var id in ids)
        {
            foreach (var procs in new[] { $"/sys/fs/cgroup/pids/paas/{id}/cgroup.procs", $"/sys/fs/cgroup/paas/{id}/cgroup.procs" })
                if (File.Exists(procs))
                    foreach (var line in File.ReadAllLines(procs))
                        if (int.TryParse(line, out var pid))
                            try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (Exception) { }
        }

        MountsBelow.Unmount(paths.Root);
        foreach (var id in ids)
        {
            try { cgroups.Remove("/paas/" + id); }
            catch (IOException) { }
        }
    }
}
