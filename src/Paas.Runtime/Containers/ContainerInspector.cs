using System.Globalization;
using Paas.Core.Containers;
using Paas.Runtime.Monitor;

namespace Paas.Runtime.Containers;

/// <summary>
/// Works out a container's state from the runtime, the monitor's files and the cgroup, and
/// records an exit (code, time, OOM) in exit.json the first time it is seen.
/// </summary>
public sealed class ContainerInspector(RuntimeContext ctx)
{
    public async Task<(ContainerInfo Info, bool NewlyExited)> InspectAsync(ContainerDirectory dir, CancellationToken ct)
    {
        var record = dir.ReadRecord();
        var monitor = dir.Monitor(record.LogPath);
        var exit = dir.ReadExit();
        var started = dir.ReadStarted();
        if (exit is not null)
            return (Info(record, ContainerStatus.Stopped, null, started, exit), false);
        // conmon writes the exit file once, atomically, after the process is gone: final, and no
        // need to ask the runtime (a process of its own, several ms).
        if (File.Exists(monitor.ExitFile))
            return await RecordExitAsync(dir, record, monitor, started, ct);

        // Look at runtime and monitor before the exit file: conmon writes the file and then exits,
        // so a dead conmon seen here means its exit file (if any) is already on disk below.
        var state = await ctx.Oci.StateAsync(dir.Id, ct);
        var conmonAlive = IsMonitorAlive(record, monitor);
        // A pid that now names another process (another start time or boot) is not our init,
        // whatever answers to it.
        var initGone = record.Init is { } init && !init.IsAlive();
        if (File.Exists(monitor.ExitFile))
            return await RecordExitAsync(dir, record, monitor, started, ct);

        var status = state?.Status switch
        {
            _ when initGone => conmonAlive ? ContainerStatus.Running : ContainerStatus.Stopped,
            "created" => ContainerStatus.Created,
            "running" or "paused" => ContainerStatus.Running,
            // The init exited but conmon has not written the exit file yet.
            "stopped" when conmonAlive => ContainerStatus.Running,
            "stopped" => ContainerStatus.Stopped,
            _ => ContainerStatus.Unknown,
        };
        var pid = !initGone && state?.Pid is > 0 ? state.Pid : (int?)null;
        return (Info(record, status, pid, started, null), false);
    }

    /// <summary>
    /// The container's conmon still runs. Known by pid, start time and boot once the create
    /// completed; before that (a create interrupted by a crash) only its pid file is there.
    /// </summary>
    private static bool IsMonitorAlive(ContainerRecord record, ConmonRequest monitor) =>
        record.Monitor is { } identity
            ? identity.IsAlive()
            : record.Init is null && ConmonMonitor.ReadPid(monitor.ConmonPidFile) is { } pid && ConmonMonitor.IsAlive(pid);

    public async Task<ContainerInfo> WaitForExitAsync(ContainerDirectory dir, TimeSpan timeout, CancellationToken ct)
    {
        await ExitFileWaiter.WaitAsync(dir.Monitor("").ExitFile, timeout, ctx.Time, ct);
        return (await InspectAsync(dir, ct)).Info;
    }

    private async Task<(ContainerInfo, bool)> RecordExitAsync(ContainerDirectory dir, ContainerRecord record, ConmonRequest monitor, DateTimeOffset? started, CancellationToken ct)
    {
        var (exit, recorded) = await dir.RecordExitOnceAsync(() => ReadMonitorExit(record, monitor), ct);
        return (Info(record, ContainerStatus.Stopped, null, started, exit), recorded);
    }

    private ExitRecord ReadMonitorExit(ContainerRecord record, ConmonRequest monitor)
    {
        var text = File.ReadAllText(monitor.ExitFile).Trim();
        var code = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : -1;
        // conmon's oom file, or the kernel's own counter while the cgroup still exists.
        var oom = File.Exists(monitor.OomFile) || File.Exists(Path.Combine(monitor.BundleDir, "oom")) ||
                  ctx.Cgroups.Read(record.CgroupsPath)?.OomKills > 0;
        return new ExitRecord(code, new DateTimeOffset(File.GetLastWriteTimeUtc(monitor.ExitFile), TimeSpan.Zero), oom);
    }

    private static ContainerInfo Info(ContainerRecord r, ContainerStatus status, int? pid, DateTimeOffset? started, ExitRecord? exit) =>
        new(r.Id, r.Spec, status, pid, r.CreatedAt, started, exit?.FinishedAt, exit?.ExitCode, exit?.OomKilled ?? false, r.IpAddress);
}
