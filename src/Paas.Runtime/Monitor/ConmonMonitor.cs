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
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OutputWait = TimeSpan.FromSeconds(2);

    public async Task<int> CreateAsync(ConmonRequest r, CancellationToken ct)
    {
        Directory.CreateDirectory(r.ExitDir);
        Directory.CreateDirectory(r.PersistDir);
        Directory.CreateDirectory(r.SocketDir);
        Directory.CreateDirectory(Path.GetDirectoryName(r.LogPath)!);

        using var sync = SocketPair.Create();
        using var output = SocketPair.Create();
        var env = new Dictionary<string, string> { ["_OCI_SYNCPIPE"] = SyncFd.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        int pid;
        try
        {
            pid = ChildSpawner.Spawn(conmonPath, Arguments(r), env, output.ChildFd, [sync.ChildFd]);
        }
        catch (IOException e)
        {
            throw new ContainerRuntimeException(r.Id, "create", $"{e.Message} (apt-get install conmon)");
        }
        sync.CloseChildEnd();
        output.CloseChildEnd();

        SyncMessage? message;
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            cts.CancelAfter(CreateTimeout);
            try
            {
                message = await SyncMessage.ReadAsync(sync.Parent, cts.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                ReapLauncher(pid);
                throw new ContainerRuntimeException(r.Id, "create", $"the runtime did not create the container within {CreateTimeout.TotalSeconds} s");
            }
            catch
            {
                ReapLauncher(pid);
                throw;
            }
        }

        // The first conmon process forks the monitor, writes the conmon pid file and exits at
        // once; by now it is long gone, so this does not block, and the pid file is there.
        var launcherExit = ReapLauncher(pid);
        if (message is { Data: > 0 } created) return created.Data;

        var error = RuntimeError(r.RuntimeLogPath) ?? message?.Message?.Trim();
        if (string.IsNullOrEmpty(error) && launcherExit is not (0 or null))
            error = $"conmon exited with {launcherExit}: {(await output.ReadToEndAsync(OutputWait, ct)).Trim()}";
        throw new ContainerRuntimeException(r.Id, "create", string.IsNullOrEmpty(error) ? "the OCI runtime failed without a message" : error);
    }

    private List<string> Arguments(ConmonRequest r)
    {
        var args = new List<string>
        {
            "--api-version", "1",
            "--cid", r.Id, "--cuuid", r.Id, "--name", r.Id,
            "--runtime", runtime.Binary,
            "--bundle", r.BundleDir,
            "--container-pidfile", r.ContainerPidFile,
            "--conmon-pidfile", r.ConmonPidFile,
            "--exit-dir", r.ExitDir,
            "--persist-dir", r.PersistDir,
            "--socket-dir-path", r.SocketDir,
            "--log-path", "k8s-file:" + r.LogPath,
            "--log-level", "warning",
            "--syslog",
        };
        // Global runtime flags go before `create`: private state root and a JSON log we can read errors from.
        foreach (var a in runtime.GlobalArgs.Concat(["--log", r.RuntimeLogPath]))
        {
            args.Add("--runtime-arg");
            args.Add(a);
        }
        return args;
    }

    private static int? ReapLauncher(int pid) => ChildSpawner.WaitForExit(pid);

    /// <summary>Asks conmon to reopen its log file after the current one was renamed.</summary>
    public static bool ReopenLog(ConmonRequest r)
    {
        if (!File.Exists(r.ControlFifo) || ReadPid(r.ConmonPidFile) is not { } pid || !IsAlive(pid)) return false;
        // conmon holds the FIFO open for reading and writing, so this open does not block.
        using var fifo = new FileStream(r.ControlFifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
        fifo.Write("2 0 0\n"u8);
        return true;
    }

    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
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

    private static string? RuntimeError(string logPath) =>
        File.Exists(logPath) ? OciRuntime.ErrorMessage(File.ReadAllText(logPath)) : null;
}
