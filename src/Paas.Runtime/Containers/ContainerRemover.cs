using Paas.Core.Containers;
using Paas.Runtime.Bundles;
using Paas.Runtime.Monitor;

namespace Paas.Runtime.Containers;

/// <summary>
/// Tears a container down completely: runtime state, monitor, rootfs mount, cgroup, network
/// attachment, directory and exit file. Safe to run on half-created containers, twice, and twice at
/// once (apps:destroy and the scheduler may both remove the same container): what the other removed
/// is not an error.
/// </summary>
public sealed class ContainerRemover(RuntimeContext ctx)
{
    public async Task RemoveAsync(ContainerDirectory dir, bool detachNetwork, CancellationToken ct)
    {
        try { await ctx.Oci.DeleteAsync(dir.Id, force: true, ct); }
        catch (ContainerNotFoundException) { }

        // conmon writes the exit file and closes the log after its child is gone; let it finish.
        // Known by pid, start time and boot once created: a reused pid is not waited for.
        var monitor = dir.Monitor(logPath: "");
        if (dir.RecordedMonitor() is { } conmon)
            await ConmonMonitor.WaitForExitAsync(conmon, TimeSpan.FromSeconds(10), ct);
        else if (ConmonMonitor.ReadPid(monitor.ConmonPidFile) is { } conmonPid)
            await ConmonMonitor.WaitForExitAsync(conmonPid, TimeSpan.FromSeconds(10), ct);

        if (Directory.Exists(dir.Rootfs)) OverlayMount.Unmount(dir.Rootfs);
        ctx.Cgroups.Remove("/paas/" + dir.Id);
        if (detachNetwork && ctx.Network is { } network) await network.DetachAsync(dir.Id, ct);

        var socketLink = Path.Combine(dir.SocketDir, dir.Id);
        if (new FileInfo(socketLink).LinkTarget is not null) File.Delete(socketLink);

        if (Directory.Exists(dir.Dir))
        {
            // Never recurse into a still-mounted overlay: that would write whiteouts, or worse.
            if (Directory.Exists(dir.Rootfs) && OverlayMount.IsMounted(dir.Rootfs))
                throw new ContainerException($"container '{dir.Id}': {dir.Rootfs} is still mounted; not removing its files");
            DeleteTree(dir.Dir);
        }
        // The overlay is unmounted by now (or never was): its upper and work dirs are plain dirs.
        if (Directory.Exists(dir.WritableDir)) DeleteTree(dir.WritableDir);
        // Last: while the record is there, the exit file says the container ended. A crash before
        // this line leaves only the file, which recovery removes (StaleExitFiles).
        File.Delete(dir.ExitFile);
    }

    private static void DeleteTree(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Removed by a concurrent removal of the same container.
        }
    }
}
