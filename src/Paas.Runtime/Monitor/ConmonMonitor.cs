using Paas.Core.Containers;
using Paas.Runtime.Oci;

namespace Paas.Runtime.Monitor;

/// <summary>
/// Starts one conmon per container (REFERENCE §D, as Podman does). conmon double-forks into its
/// own session, runs `runtime create`, owns the container's stdio, writes the k8s-file log and the
/// exit/oom files — so containers and their logs survive paasd. It reports the created container's
/// pid (or the runtime's error) on its sync socket, which we pass as fd 3 (_OCI_SYNCPIPE): no
/// polling for pid files, and we learn of the create the moment conmon does.
/// </summary>
public sealed class ConmonMonitor(string conmonPath, OciRuntime runtime)
{
    private const int SyncFd = 3;
    private const int StartFd = 4;
    private const int AttachFd = 5;

    /// <summary>Launches conmon and has it create the container; the pid of the container's init.</summary>
    public async Task<int> CreateAsync(ConmonRequest r, CancellationToken ct)
    {
        using var launched = Launch(r);
        return await launched.CreateAsync(ct);
    }

    /// <summary>
    /// Starts conmon now but holds it on its start socket (_OCI_STARTPIPE) until
    /// <see cref="LaunchedMonitor.CreateAsync"/>: its own start-up (exec, glib, option parsing)
    /// then overlaps with the caller's preparation of the bundle. Disposing an unreleased monitor kills it.
    /// </summary>
    public LaunchedMonitor Launch(ConmonRequest r)
    {
        // conmon opens its log as it starts; everything else it needs only once released.
        if (r.LogPath is not null) Directory.CreateDirectory(Path.GetDirectoryName(r.LogPath)!);

        var sync = SocketPair.Create();
        var output = SocketPair.Create();
        var start = SocketPair.Create();
        var env = new Dictionary<string, string>
        {
            ["_OCI_SYNCPIPE"] = SyncFd.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["_OCI_STARTPIPE"] = StartFd.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Neither conmon nor runc needs a locale; without one glib loads no locale files.
            ["LC_ALL"] = "C",
        };
        LaunchedMonitor launched;
        try
        {
            var pid = ChildSpawner.Spawn(conmonPath, Arguments(r), env, output.ChildFd, [sync.ChildFd, start.ChildFd]);
            launched = new LaunchedMonitor(r, pid, sync, output, start);
        }
        catch (IOException e)
        {
            sync.Dispose();
            output.Dispose();
            start.Dispose();
            throw new ContainerRuntimeException(r.Id, "create", $"{e.Message} (apt-get install conmon)");
        }
        try
        {
            Directory.CreateDirectory(r.ExitDir);
            Directory.CreateDirectory(r.PersistDir);
            Directory.CreateDirectory(r.SocketDir);
            return launched;
        }
        catch
        {
            launched.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts conmon for one command in the running container <see cref="ExecRequest.ContainerId"/>; it waits on
    /// its start socket (see <see cref="LaunchedExec"/> for the steps that follow).
    /// </summary>
    public LaunchedExec LaunchExec(ExecRequest r)
    {
        Directory.CreateDirectory(r.PersistDir);
        Directory.CreateDirectory(r.SocketDir);
        var sync = SocketPair.Create();
        var output = SocketPair.Create();
        var start = SocketPair.Create();
        var attach = SocketPair.Create();
        var env = new Dictionary<string, string>
        {
            ["_OCI_SYNCPIPE"] = SyncFd.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["_OCI_STARTPIPE"] = StartFd.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["_OCI_ATTACHPIPE"] = AttachFd.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LC_ALL"] = "C",
        };
        try
        {
            var pid = ChildSpawner.Spawn(conmonPath, ExecArguments(r), env, output.ChildFd, [sync.ChildFd, start.ChildFd, attach.ChildFd]);
            return new LaunchedExec(r, pid, sync, output, start, attach);
        }
        catch (IOException e)
        {
            sync.Dispose();
            output.Dispose();
            start.Dispose();
            attach.Dispose();
            throw new ContainerRuntimeException(r.ContainerId, "exec", $"{e.Message} (apt-get install conmon)");
        }
    }

    private List<string> ExecArguments(ExecRequest r)
    {
        var args = new List<string>
        {
            "--api-version", "1",
            "--exec", "--exec-attach", "--exec-process-spec", r.ProcessSpec,
            // The runtime is told the container; the session id names the attach socket's link.
            "--cid", r.ContainerId, "--cuuid", r.SessionId, "--name", r.SessionId,
            "--runtime", RuntimeHandle.PathFor(runtime.Binary),
            "--bundle", r.Dir,
            "--container-pidfile", r.PidFile,
            "--conmon-pidfile", r.ConmonPidFile,
            "--exit-dir", r.Dir,
            "--persist-dir", r.PersistDir,
            "--socket-dir-path", r.SocketDir,
            "--log-path", "none:",
            "--log-level", "warning",
            "--syslog",
            "--no-sync-log",
            "--stdin",
        };
        if (r.Terminal) args.Add("--terminal");
        if (r.MonitorTimeout is { } timeout)
        {
            args.Add("--timeout");
            args.Add(((int)Math.Ceiling(Math.Min(timeout.TotalSeconds, int.MaxValue))).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var a in runtime.GlobalArgs.Concat(["--log", r.RuntimeLogPath]))
        {
            args.Add("--runtime-arg");
            args.Add(a);
        }
        return args;
    }

    private List<string> Arguments(ConmonRequest r)
    {
        var args = new List<string>
        {
            "--api-version", "1",
            "--cid", r.Id, "--cuuid", r.Id, "--name", r.Id,
            // Never the binary's own path: see RuntimeHandle (a conmon left waiting by a dead paasd
            // must not run anything).
            "--runtime", RuntimeHandle.PathFor(runtime.Binary),
            "--bundle", r.BundleDir,
            "--container-pidfile", r.ContainerPidFile,
            "--conmon-pidfile", r.ConmonPidFile,
            "--exit-dir", r.ExitDir,
            "--persist-dir", r.PersistDir,
            "--socket-dir-path", r.SocketDir,
            // No log at all for an attached container: its output goes to the attach socket only.
            "--log-path", r.LogPath is null ? "none:" : "k8s-file:" + r.LogPath,
            "--log-level", "warning",
            "--syslog",
            // By default conmon fsyncs the log before it writes the exit file: 1-2 ms on every exit
            // (measured here), paid by every stop and one-off run. The lines are in the page cache
            // and readable at once either way; only a host crash could lose the last of them, as
            // with Docker's json-file logs, which are never fsynced.
            "--no-sync-log",
        };
        if (r.Terminal) args.Add("--terminal");
        if (r.Stdin) args.Add("--stdin");
        // Global runtime flags go before `create`: private state root and a JSON log we can read errors from.
        foreach (var a in runtime.GlobalArgs.Concat(["--log", r.RuntimeLogPath]))
        {
            args.Add("--runtime-arg");
            args.Add(a);
        }
        return args;
    }

    /// <summary>
    /// Asks conmon (<paramref name="conmon"/>, known by pid, start time and boot) to reopen its log
    /// file after the current one was renamed. False when it is no longer there to read its FIFO.
    /// </summary>
    public static bool ReopenLog(ConmonRequest r, ProcessIdentity? conmon)
    {
        if (conmon?.IsAlive() != true) return false;
        // It may exit between the check and the open: the open then fails rather than waiting for a reader.
        using var fifo = ControlFifo.TryOpenForWriting(r.ControlFifo);
        if (fifo is null) return false;
        fifo.Write("2 0 0\n"u8);
        return true;
    }

    public static Task<bool> WaitForExitAsync(int pid, TimeSpan timeout, CancellationToken ct) =>
        WaitForExitAsync(() => IsAlive(pid), timeout, ct);

    public static Task<bool> WaitForExitAsync(ProcessIdentity process, TimeSpan timeout, CancellationToken ct) =>
        WaitForExitAsync(process.IsAlive, timeout, ct);

    private static async Task<bool> WaitForExitAsync(Func<bool> alive, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (alive())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(10, ct);
        }
        return true;
    }

    public static int? ReadPid(string file)
    {
        try
        {
            return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid) && pid > 0 ? pid : null;
        }
        catch (IOException) { return null; }
    }

    /// <summary>Alive and not a zombie (a zombie has exited; only its parent has yet to reap it).</summary>
    public static bool IsAlive(int pid) => ProcessState.IsAlive(pid);
}
