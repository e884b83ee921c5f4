using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Core.Networking;
using Paas.Runtime.Bundles;
using Paas.Runtime.Logs;
using Paas.Runtime.Monitor;
using Paas.Runtime.Oci;

namespace Paas.Runtime.Containers;

/// <summary>
/// Create: validate, mount the overlay root, resolve the process, attach the network, write the
/// bundle and hand it to the monitor. Any failure undoes every step, so nothing is left behind.
/// </summary>
public sealed class ContainerCreator(RuntimeContext ctx, ContainerRemover remover, MonitorPool? monitors = null)
{
    private const ulong MaxOpenFiles = 1 << 20;

    /// <summary>The new container's record and the pid of its (not yet started) init. Its output goes to its app's log history.</summary>
    public Task<(ContainerRecord Record, int Pid)> CreateAsync(ContainerSpec spec, CancellationToken ct) =>
        CreateAsync(spec, attached: false, ct);

    /// <summary>
    /// Like <see cref="CreateAsync(ContainerSpec, CancellationToken)"/>, but the monitor keeps no log:
    /// the output reaches only a client of its attach socket, which must connect before the start.
    /// </summary>
    public Task<(ContainerRecord Record, int Pid)> CreateAttachedAsync(ContainerSpec spec, CancellationToken ct) =>
        CreateAsync(spec, attached: true, stdio: null, ct);

    /// <summary>
    /// Like <see cref="CreateAttachedAsync(ContainerSpec, CancellationToken)"/>, with the container's stdin
    /// open to attach-socket clients and, with <see cref="InteractiveStdio.Terminal"/>, a pseudo-terminal.
    /// </summary>
    public Task<(ContainerRecord Record, int Pid)> CreateAttachedAsync(ContainerSpec spec, InteractiveStdio stdio, CancellationToken ct) =>
        CreateAsync(spec, attached: true, stdio, ct);

    private Task<(ContainerRecord Record, int Pid)> CreateAsync(ContainerSpec spec, bool attached, CancellationToken ct) =>
        CreateAsync(spec, attached, stdio: null, ct);

    private async Task<(ContainerRecord Record, int Pid)> CreateAsync(ContainerSpec spec, bool attached, InteractiveStdio? stdio, CancellationToken ct)
    {
        var problems = ContainerSpecValidator.Validate(spec, ctx.AllowedVolumeRoots);
        if (problems.Count > 0) throw new InvalidContainerSpecException(problems);
        if (!File.Exists(ctx.Options.InitPath))
            throw new ContainerException($"init binary {ctx.Options.InitPath} is missing: apt-get install tini");

        // A prelaunched conmon already logs into the app's log history: never for an attached container.
        var prelaunched = attached ? null : monitors?.TryTake(LogFiles.AppKey(spec.Labels));
        var dir = prelaunched?.Dir ?? ctx.Dir(ContainerIds.New());
        try
        {
            return await CreateInAsync(dir, spec, attached, stdio, prelaunched?.Monitor, ct);
        }
        catch
        {
            await remover.RemoveAsync(dir, spec.Network == NetworkMode.Bridge, CancellationToken.None);
            if (!attached) RemoveLogFiles(spec, dir.Id);
            throw;
        }
        finally
        {
            // The next create's conmon starts up now, off its path (and off runc's: this one is done).
            if (monitors is not null && !attached) _ = Task.Run(monitors.Replenish, CancellationToken.None);
        }
    }

    private async Task<(ContainerRecord, int)> CreateInAsync(ContainerDirectory dir, ContainerSpec spec, bool attached, InteractiveStdio? stdio,
        LaunchedMonitor? prelaunched, CancellationToken ct)
    {
        var app = LogFiles.AppName(spec.Labels);
        var processType = LogFiles.ProcessType(spec.Labels);
        var logPath = attached ? null : LogFiles.ActiveLog(ctx.Paths, LogFiles.AppKey(spec.Labels), dir.Id);
        // Without a prelaunched conmon, one starts up now (exec, glib, options: about 4 ms) while we
        // look up the image and prepare the bundle; it waits for CreateAsync below. Leaving this
        // method early (an unknown image too) kills it before it did anything.
        using var monitor = prelaunched ?? ctx.Monitor.Launch(dir.Monitor(logPath) with { Terminal = stdio?.Terminal == true, Stdin = stdio is not null });
        var image = await ctx.Images.FindAsync(spec.Image, ct) ?? throw new ImageNotFoundException(spec.Image);
        var rootfsPlan = await ctx.Images.ResolveRootfsAsync(spec.Image, ct);
        dir.CreateDirectories(ctx.Options.UserNamespace);
        OverlayMount.Mount(rootfsPlan.LowerDirs, dir.Upper, dir.Work, dir.Rootfs);

        var view = new RootfsView(dir.Rootfs, rootfsPlan.BindMounts);
        var (process, problems) = ProcessPlanner.Plan(spec, image.Config, view, ctx.Options.UserNamespace);
        if (process is null) throw new InvalidContainerSpecException(problems);
        if (stdio is { Terminal: true }) process = process with { Terminal = true, ConsoleSize = stdio.Size };

        NetworkAttachment? attachment = null;
        var network = spec.Network == NetworkMode.Bridge
            ? ctx.Network ?? throw new ContainerException("bridge networking is not configured in this runtime")
            : null;
        // In a user namespace the OCI runtime makes the network namespace (so that namespace is
        // owned by the container's): it is wired up once the container exists, below.
        var attachAfterCreate = network is not null && ctx.Options.UserNamespace is not null;
        if (network is not null && !attachAfterCreate)
            attachment = await network.AttachAsync(dir.Id, spec.Hostname, IsolationGroup(spec, dir.Id), spec.Ports, ct);

        var record = new ContainerRecord(
            dir.Id, spec, ctx.Time.GetUtcNow(), CgroupsPath: "/paas/" + dir.Id, app, processType,
            logPath, attachment?.Address.ToString(), AttachedTo: attached ? ProcessIdentity.Of(Environment.ProcessId) : null);
        dir.WriteRecord(record);
        if (logPath is not null) LogFiles.WriteMeta(logPath, new LogSource(app, processType, dir.Id));

        var plan = new OciBundlePlan(
            dir.Id, process, spec.Hostname, dir.Rootfs,
            Binds(dir, spec, rootfsPlan, attachment),
            attachment?.NetnsPath, spec.Network == NetworkMode.Host,
            spec.Limits,
            Annotations(dir.Id, spec),
            record.CgroupsPath, ctx.Cgroups.IsV2, ctx.Cgroups.SwapAccounting, OpenFilesLimit(), ctx.Options.UserNamespace);
        // Root's alone: it holds the environment, secrets included, in a dir runc traverses as container root.
        PrivateFile.Write(dir.ConfigJson, OciConfigFactory.Create(plan).ToJsonString());

        var pid = await monitor.CreateAsync(ct);
        if (ctx.Options.UserNamespace is { } userns) StdioOwnership.GiveToProcess(pid, process, userns);
        if (attachAfterCreate)
        {
            attachment = await network!.AttachToProcessAsync(dir.Id, pid, IsolationGroup(spec, dir.Id), spec.Ports, ct);
            // In place: runc has bound this very file as the container's /etc/hosts.
            WriteHosts(dir, spec, attachment.Address.ToString());
            record = record with { IpAddress = attachment.Address.ToString() };
        }
        return (dir.RecordProcesses(record, pid), pid);
    }

    /// <summary>Containers reach each other only within their app (by id; by name for specs without one; else alone).</summary>
    private static string IsolationGroup(ContainerSpec spec, string id) =>
        spec.Labels.GetValueOrDefault(ContainerLabels.AppId) is { Length: > 0 } appId ? "app-id:" + appId
        : spec.Labels.GetValueOrDefault(ContainerLabels.App) is { Length: > 0 } app ? "app:" + app
        : "container:" + id;

    /// <summary>A container that never ran leaves no trace in its app's log history (an empty log and its meta file).</summary>
    private void RemoveLogFiles(ContainerSpec spec, string id)
    {
        var appKey = LogFiles.AppKey(spec.Labels);
        var log = LogFiles.ActiveLog(ctx.Paths, appKey, id);
        if (File.Exists(log) && new FileInfo(log).Length > 0) return;
        File.Delete(log);
        File.Delete(LogFiles.MetaFile(LogFiles.AppDir(ctx.Paths, appKey), id));
    }

    private List<BindMount> Binds(ContainerDirectory dir, ContainerSpec spec, RootfsPlan rootfsPlan, NetworkAttachment? attachment)
    {
        var hostname = Path.Combine(dir.EtcDir, "hostname");
        File.WriteAllText(hostname, spec.Hostname + "\n");
        var hosts = WriteHosts(dir, spec, attachment?.Address.ToString());

        var binds = new List<BindMount>(rootfsPlan.BindMounts)
        {
            new(ctx.Options.InitPath, ProcessPlanner.InitDestination, ReadOnly: true),
            new(hostname, "/etc/hostname", ReadOnly: true),
            new(hosts, "/etc/hosts", ReadOnly: true),
        };
        if (spec.Network != NetworkMode.None && File.Exists(ctx.Options.ResolvConf))
            binds.Add(new BindMount(ctx.Options.ResolvConf, "/etc/resolv.conf", ReadOnly: true));
        binds.AddRange(spec.Volumes.Select(v => new BindMount(v.Source, v.Destination, v.ReadOnly)));
        return binds;
    }

    private static string WriteHosts(ContainerDirectory dir, ContainerSpec spec, string? address)
    {
        var hosts = Path.Combine(dir.EtcDir, "hosts");
        File.WriteAllText(hosts,
            "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n" +
            (address is null ? $"127.0.1.1\t{spec.Hostname}\n" : $"{address}\t{spec.Hostname}\n"));
        return hosts;
    }

    private static Dictionary<string, string> Annotations(string id, ContainerSpec spec)
    {
        var annotations = new Dictionary<string, string>(spec.Labels) { ["paas.container-id"] = id, ["paas.image"] = spec.Image };
        return annotations;
    }

    /// <summary>The container may not get a higher RLIMIT_NOFILE than we have: runc lacks CAP_SYS_RESOURCE on some hosts.</summary>
    private static ulong OpenFilesLimit()
    {
        foreach (var line in File.ReadLines("/proc/self/limits"))
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && ulong.TryParse(fields[4], out var hard)) return Math.Min(hard, MaxOpenFiles);
        }
        return 1024;
    }
}
