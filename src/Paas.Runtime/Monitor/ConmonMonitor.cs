using Paas.Core.Containers;
using Paas.Runtime.Oci;

namespace Paas.Runtime.Monitor;

/// <summary>
/// Starts one conmon per container (REFERENCE §D, as Podman does). conmon double-forks into its
/// own session, runs `runtime create`, owns the container's stdio, writes the k8s-file log and the
/// exit/oom files — so containers and their logs survive paasd. We skip the sync pipes (.NET cannot
/// pass extra fds) and instead wait for the runtime's pid file, reading the runtime's JSON log on failure.
/// </summary>
public sealed class ConmonMonitor(string conmonPath, OciRuntime runtime)
{
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(30);

    public async Task<int> CreateAsync(ConmonRequest r, CancellationToken ct)
    {
        Directory.CreateDirectory(r.ExitDir);
        Directory.CreateDirectory(r.PersistDir);
        Directory.CreateDirectory(r.SocketDir);
        Directory.CreateDirectory(Path.GetDirectoryName(r.LogPath)!);

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

        // conmon redirects its own stdio to /dev/null after forking, so capturing it does not hang.
        var launch = await ProcessRunner.RunAsync(conmonPath, args, CreateTimeout, ct);
        if (launch.ExitCode != 0)
            throw new ContainerRuntimeException(r.Id, "create", $"conmon exited with {launch.ExitCode}: {launch.Stderr.Trim()}");

        var deadline = DateTime.UtcNow + CreateTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (ReadPid(r.ContainerPidFile) is { } pid) return pid;
            if (ReadPid(r.ConmonPidFile) is { } conmonPid && !IsAlive(conmonPid))
            {
                // conmon may have written the pid file just before exiting.
                if (ReadPid(r.ContainerPidFile) is { } late) return late;
                throw new ContainerRuntimeException(r.Id, "create", RuntimeError(r.RuntimeLogPath) ?? "the OCI runtime failed without a message");
            }
            await Task.Delay(2, ct);
        }
        throw new ContainerRuntimeException(r.Id, "create", $"the runtime did not create the container within {CreateTimeout.TotalSeconds} s");
    }

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
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterComm = stat[(stat.LastIndexOf(')') + 2)..];
            return afterComm.Length > 0 && afterComm[0] != 'Z' && afterComm[0] != 'X';
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return true; }
    }

    private static string? RuntimeError(string logPath) =>
        File.Exists(logPath) ? OciRuntime.ErrorMessage(File.ReadAllText(logPath)) : null;
}
