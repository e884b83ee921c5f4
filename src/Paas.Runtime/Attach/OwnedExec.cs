using System.Globalization;
using Paas.Core.Containers;
using Paas.Runtime.Containers;
using Paas.Runtime.Monitor;
using Paas.Runtime.Monitor.Native;

namespace Paas.Runtime.Attach;

/// <summary>
/// <see cref="Paas.Core.Containers.IContainerRuntime.ExecAsync"/>: a short command in a running container (a health
/// check's <c>command</c>, <c>checks:run</c>) through <c>runc exec</c>, with its output captured. runc writes the
/// command's pid to a file in a session directory of the container's (<c>exec/ID</c>, as
/// <see cref="AttachedExec"/>'s sessions); from then on the command and its process group are under an
/// <see cref="OwnerDeathWatch"/>, so a <c>kill -9</c> of paasd kills it at once instead of leaving it running
/// until it ends by itself (runc exec outlives paasd). The session record is the same as an attached exec's, so
/// the recovery at paasd's next start (<see cref="AttachedExec.KillAbandonedAsync"/>) is the backstop when the
/// watch died too, or when paasd died in the milliseconds between the command's start and its watch (the
/// session is recorded before runc starts, and the recovery then takes the pid from runc's file).
/// </summary>
internal sealed class OwnedExec(RuntimeContext ctx)
{
    /// <summary>How often the pid file is looked for while runc starts the command (a few ms after runc starts).</summary>
    private static readonly TimeSpan PidFilePoll = TimeSpan.FromMilliseconds(5);

    public async Task<Oci.ProcessResult> RunAsync(ContainerDirectory container, IReadOnlyList<string> command,
        IReadOnlyDictionary<string, string>? env, TimeSpan timeout, CancellationToken ct)
    {
        var dir = Path.Combine(container.Dir, "exec", ContainerIds.New());
        RuntimeDirectories.Ensure(Path.GetDirectoryName(dir)!, RuntimeDirectories.Private);
        RuntimeDirectories.Ensure(dir, RuntimeDirectories.Private);
        OwnerDeathWatch? watch = null;
        using var deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, ctx.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        deadline.CancelAfter(timeout);
        CancellationTokenRegistration killGroup = default;
        try
        {
            var pidFile = PidFile(dir);
            AttachedExec.RecordSession(dir, pid: null);
            var run = ctx.Oci.ExecAsync(container.Id, command, env, Timeout.InfiniteTimeSpan, pidFile, stop.Token);
            while (!run.IsCompleted)
            {
                if (ReadPid(pidFile) is { } pid)
                {
                    // runc's init makes the command a session (and group) leader: the group holds what it starts.
                    watch = OwnerDeathWatch.Start(pid, group: true);
                    AttachedExec.RecordSession(dir, pid);
                    // Stopped early (cancelled, or past its timeout): killing runc exec takes its tree, but not what the
                    // command started that left it (a process backgrounded from a subshell, adopted by the container's
                    // init), which would run on in the container. The group holds that too. Registered after runc's own
                    // cancellation, so it runs first (callbacks run latest first), while the command is runc's unreaped child.
                    killGroup = stop.Token.Register(() => KillGroup(pid));
                    break;
                }
                await Task.WhenAny(run, Task.Delay(PidFilePoll, stop.Token));
            }
            return await run;
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"the command in container '{container.Id}' was still running after {timeout.TotalSeconds:0.#} s and was killed", e);
        }
        finally
        {
            await killGroup.DisposeAsync();
            watch?.Dispose();
            try { Directory.Delete(dir, recursive: true); }
            catch (DirectoryNotFoundException) { }
        }
    }

    /// <summary>
    /// At recovery, for a session recorded without its command: the process runc's pid file names, if it is still
    /// one of <paramref name="container"/>'s (in its cgroup), else null.
    /// </summary>
    internal static ProcessIdentity? CommandOf(ContainerDirectory container, string dir)
    {
        if (ReadPid(PidFile(dir)) is not { } pid) return null;
        try
        {
            var cgroupsPath = container.ReadRecord().CgroupsPath;
            var cgroups = File.ReadAllLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cgroup");
            return cgroups.Any(line => line.EndsWith(":" + cgroupsPath, StringComparison.Ordinal) || line.Contains(":" + cgroupsPath + "/", StringComparison.Ordinal))
                ? ProcessIdentity.Of(pid)
                : null;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return null; // gone, or the container with it
        }
    }

    private const int SigKill = 9;

    private static void KillGroup(int pid)
    {
        SpawnLibC.Kill(-pid, SigKill);
        SpawnLibC.Kill(pid, SigKill);
    }

    private static string PidFile(string dir) => Path.Combine(dir, "pid");

    /// <summary>runc writes the file whole (a temporary file renamed), once the command runs.</summary>
    private static int? ReadPid(string file)
    {
        try
        {
            return int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 1 ? pid : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
