using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Core.Networking;
using Paas.Runtime.Attach;
using Paas.Runtime.Monitor;
using Paas.Runtime.Oci;

namespace Paas.Runtime.Containers;

/// <summary>
/// <see cref="IContainerRuntime"/> on runc (or crun) with one conmon per container. Holds no state
/// in memory: everything is in $ROOT/run/containers/&lt;id&gt; (a tmpfs), $ROOT/writable/&lt;id&gt;, the
/// runtime's state dir and the cgroup, so a new instance (a restarted paasd) sees exactly what the
/// old one left. The one exception, with <see cref="ContainerRuntimeOptions.PrelaunchMonitor"/>, is
/// a conmon waiting for the next create: disposing the runtime discards it, and one left by a crash
/// is an orphan that recovery removes.
/// </summary>
public sealed class ContainerRuntime : IContainerRuntime, IDisposable
{
    private const int SigTerm = 15;
    private const int SigKill = 9;
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

    private readonly RuntimeContext _ctx;
    private readonly ContainerCreator _creator;
    private readonly ContainerRemover _remover;
    private readonly ContainerInspector _inspector;
    private readonly MonitorPool? _monitors;
    private readonly AttachedRun _attachedRun;
    private readonly AttachedExec _attachedExec;
    private readonly OwnedExec _ownedExec;

    public ContainerRuntime(RuntimePaths paths, IImageStore images, ContainerRuntimeOptions options, TimeProvider time, IContainerNetwork? network = null)
    {
        _ctx = new RuntimeContext(paths, images, network, options, time);
        _remover = new ContainerRemover(_ctx);
        if (options.PrelaunchMonitor)
        {
            _monitors = new MonitorPool(_ctx);
            _ = Task.Run(_monitors.Replenish);
        }
        _creator = new ContainerCreator(_ctx, _remover, _monitors);
        _inspector = new ContainerInspector(_ctx);
        _attachedRun = new AttachedRun(_ctx, _creator, _remover, _inspector);
        _attachedExec = new AttachedExec(_ctx);
        _ownedExec = new OwnedExec(_ctx);
    }

    /// <summary>The OCI runtime binary in use (runc or crun).</summary>
    public string RuntimeBinary => _ctx.Oci.Binary;

    public async Task<ContainerInfo> CreateAsync(ContainerSpec spec, CancellationToken ct)
    {
        var (record, pid) = await _creator.CreateAsync(spec, ct);
        // Just created by the runtime: no need to ask it again (each runtime call is a process).
        return new ContainerInfo(record.Id, spec, ContainerStatus.Created, pid, record.CreatedAt, null, null, null, false, record.IpAddress);
    }

    public async Task<ContainerInfo> StartAsync(string id, CancellationToken ct)
    {
        var dir = Existing(id);
        var record = dir.ReadRecord();
        var monitor = dir.Monitor(record.LogPath);
        var pid = ConmonMonitor.ReadPid(monitor.ContainerPidFile);
        await _ctx.Oci.StartAsync(id, pid, ct);
        var startedAt = _ctx.Time.GetUtcNow();
        dir.WriteStarted(startedAt);
        // A command that already exited is reported as such; otherwise it runs (no extra `runtime state`).
        if (File.Exists(monitor.ExitFile)) return (await _inspector.InspectAsync(dir, ct)).Info;
        return new ContainerInfo(id, record.Spec, ContainerStatus.Running, pid, record.CreatedAt, startedAt, null, null, false, record.IpAddress);
    }

    public async Task<ContainerInfo> StopAsync(string id, TimeSpan grace, CancellationToken ct)
    {
        var dir = Existing(id);
        var info = (await _inspector.InspectAsync(dir, ct)).Info;
        if (info.Status is not (ContainerStatus.Running or ContainerStatus.Created)) return info;

        if (await TrySignalAsync(id, SigTerm, ct))
        {
            info = await _inspector.WaitForExitAsync(dir, grace, ct);
            if (info.Status == ContainerStatus.Stopped) return info;
        }
        await TrySignalAsync(id, SigKill, ct);
        return await _inspector.WaitForExitAsync(dir, KillWait, ct);
    }

    public async Task KillAsync(string id, int signal, CancellationToken ct)
    {
        Existing(id);
        await _ctx.Oci.KillAsync(id, signal, ct);
    }

    public Task<ContainerInfo> WaitForExitAsync(string id, TimeSpan timeout, CancellationToken ct) =>
        _inspector.WaitForExitAsync(Existing(id), timeout, ct);

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        var dir = Existing(id);
        var record = dir.ReadRecord();
        await _remover.RemoveAsync(dir, record.Spec.Network == NetworkMode.Bridge, ct);
    }

    public async Task<ContainerInfo?> FindAsync(string id, CancellationToken ct)
    {
        if (!IsValidId(id)) return null;
        var dir = _ctx.Dir(id);
        return dir.Exists ? (await _inspector.InspectAsync(dir, ct)).Info : null;
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListAsync(CancellationToken ct)
    {
        var list = new List<ContainerInfo>();
        foreach (var dir in Directories())
            list.Add((await _inspector.InspectAsync(dir, ct)).Info);
        return list;
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListAsync(Func<IReadOnlyDictionary<string, string>, bool> select, CancellationToken ct)
    {
        var list = new List<ContainerInfo>();
        foreach (var dir in Directories())
        {
            // The record is a file read; inspecting asks the OCI runtime (a process) for running ones.
            ContainerRecord record;
            try { record = dir.ReadRecord(); }
            catch (IOException) { continue; } // removed meanwhile
            if (!select(record.Spec.Labels)) continue;
            try { list.Add((await _inspector.InspectAsync(dir, ct)).Info); }
            catch (IOException) { } // removed meanwhile
        }
        return list;
    }

    public async Task<ExecResult> ExecAsync(string id, IReadOnlyList<string> command, IReadOnlyDictionary<string, string>? env, TimeSpan timeout, CancellationToken ct)
    {
        var dir = Existing(id);
        if ((await _inspector.InspectAsync(dir, ct)).Info.Status != ContainerStatus.Running)
            throw new ContainerNotRunningException(id);
        if (command.Count == 0) throw new InvalidContainerSpecException(["exec needs a command"]);
        var result = await _ownedExec.RunAsync(dir, command, env, timeout, ct);
        return new ExecResult(result.ExitCode, result.Stdout, result.Stderr);
    }

    /// <summary>See <see cref="ExitWatcher"/>: the watch is armed before this returns.</summary>
    public IAsyncEnumerable<ContainerInfo> WatchExitsAsync(CancellationToken ct) => new ExitWatcher(_ctx, _inspector, ct);

    /// <summary>See <see cref="AttachedRun"/>; <paramref name="timeout"/> counts from the command's start.</summary>
    public Task<ContainerInfo> RunAttachedAsync(ContainerSpec spec, IContainerOutput output, TimeSpan timeout, CancellationToken ct) =>
        _attachedRun.RunAsync(spec, output, timeout, ct);

    /// <summary>
    /// See <see cref="AttachedRun"/>. The stopped container's upper dir is exactly what its command
    /// changed (overlayfs whiteouts for deletions, which the layer writer turns into OCI ones); the
    /// runtime's own mount points (hostname, hosts, resolv.conf) are placeholders in every stack, so
    /// they add nothing to it. The upper dir is read after the process is gone, so nothing changes it meanwhile.
    /// </summary>
    public async Task<CommittedRun> RunAttachedAndCommitAsync(ContainerSpec spec, IContainerOutput output, TimeSpan timeout, string reference, CancellationToken ct)
    {
        ImageReference.Validate(reference);
        Image? committed = null;
        var exit = await _attachedRun.RunAsync(spec, output, timeout, async (dir, info, token) =>
        {
            if (info.ExitCode is 0)
                committed = await _ctx.Images.CommitDirectoryAsync(reference, dir.Upper, ImageConfig.Empty, spec.Image, token);
        }, ct);
        return new CommittedRun(exit, committed);
    }

    /// <summary>See <see cref="AttachedRun"/>: the same, with stdin open and raw output (a terminal when the session asks).</summary>
    public Task<ContainerInfo> RunInteractiveAsync(ContainerSpec spec, IInteractiveSession session, TimeSpan timeout, CancellationToken ct) =>
        _attachedRun.RunAsync(spec, session, timeout, ct);

    /// <summary>See <see cref="AttachedExec"/>.</summary>
    public async Task<int> ExecInteractiveAsync(string id, IReadOnlyList<string> command, IInteractiveSession session, TimeSpan timeout, CancellationToken ct)
    {
        var dir = Existing(id);
        if (command.Count == 0) throw new InvalidContainerSpecException(["exec needs a command"]);
        if ((await _inspector.InspectAsync(dir, ct)).Info.Status != ContainerStatus.Running)
            throw new ContainerNotRunningException(id);
        return await _attachedExec.RunAsync(dir, command, session, timeout, ct);
    }

    public (uint Uid, uint Gid) ToHostIds(uint containerUid, uint containerGid) =>
        _ctx.Options.UserNamespace is { } userns
            ? (userns.ToHostUid(containerUid), userns.ToHostGid(containerGid))
            : (containerUid, containerGid);

    public Task<ContainerStats> StatsAsync(string id, CancellationToken ct)
    {
        var record = Existing(id).ReadRecord();
        var counters = _ctx.Cgroups.Read(record.CgroupsPath) ?? throw new ContainerNotRunningException(id);
        return Task.FromResult(new ContainerStats(
            id, counters.CpuTime, counters.MemoryBytes, counters.MemoryPeakBytes, counters.MemoryLimitBytes, counters.Pids, _ctx.Time.GetUtcNow()));
    }

    public async Task<RecoveryReport> RecoverAsync(CancellationToken ct)
    {
        List<ContainerInfo> running = [], exited = [], created = [];
        // A crash in the middle of a create leaves a directory without container.json: undo it.
        // (A prelaunched conmon's directory has none either, and is not one.)
        foreach (var orphan in AllDirectories().Where(d => !d.Exists && _monitors?.Holds(d.Id) != true))
            await _remover.RemoveAsync(orphan, detachNetwork: true, ct);
        // Writable layers without a container: after a reboot (the tmpfs with the records is gone)
        // or a crash mid-delete.
        foreach (var layer in OrphanWritableLayers())
            await _remover.RemoveAsync(_ctx.Dir(layer), detachNetwork: true, ct);
        StaleExitFiles.Remove(_ctx.Paths);
        // Logs of conmons a crashed paasd had started ahead of time (their dirs went above).
        var pending = MonitorPool.PendingDirOf(_ctx.Paths);
        if (Directory.Exists(pending))
            foreach (var log in Directory.GetFiles(pending))
                if (_monitors?.Holds(Path.GetFileNameWithoutExtension(log)) != true) File.Delete(log);
        // Attached runs of a process that is gone: nobody reads their output any more.
        await _attachedRun.RemoveAbandonedAsync(Directories(), ct);
        await AttachedExec.KillAbandonedAsync(Directories(), ct);
        foreach (var dir in Directories())
        {
            var (info, newlyExited) = await _inspector.InspectAsync(dir, ct);
            if (info.Status == ContainerStatus.Running) running.Add(info);
            else if (info.Status == ContainerStatus.Created) created.Add(info);
            else if (newlyExited) exited.Add(info);
        }
        // Attachments of containers whose directory is gone (deleted while paasd was down, or a crash mid-delete).
        if (_ctx.Network is { } network)
            await network.RemoveStaleAsync(Directories().Select(d => d.Id).ToHashSet(), ct);
        return new RecoveryReport(running, exited, created);
    }

    /// <summary>Kills the prelaunched conmon, if any, and removes its directory. Containers go on.</summary>
    public void Dispose() => _monitors?.Dispose();

    private async Task<bool> TrySignalAsync(string id, int signal, CancellationToken ct)
    {
        try
        {
            await _ctx.Oci.KillAsync(id, signal, ct);
            return true;
        }
        catch (ContainerNotRunningException) { return false; }
    }

    private IEnumerable<ContainerDirectory> Directories() => AllDirectories().Where(d => d.Exists).ToList();

    private List<ContainerDirectory> AllDirectories() =>
        Directory.Exists(_ctx.Paths.Containers)
            ? Directory.EnumerateDirectories(_ctx.Paths.Containers).Select(Path.GetFileName).OfType<string>()
                .Where(IsValidId).Select(_ctx.Dir).ToList()
            : [];

    private List<string> OrphanWritableLayers() =>
        Directory.Exists(_ctx.Paths.Writable)
            ? Directory.EnumerateDirectories(_ctx.Paths.Writable).Select(Path.GetFileName).OfType<string>()
                .Where(id => IsValidId(id) && !Directory.Exists(_ctx.Dir(id).Dir)).ToList()
            : [];

    private ContainerDirectory Existing(string id)
    {
        if (!IsValidId(id)) throw new ContainerNotFoundException(id);
        var dir = _ctx.Dir(id);
        return dir.Exists ? dir : throw new ContainerNotFoundException(id);
    }

    private static bool IsValidId(string id) => ContainerIds.IsValid(id);
}
