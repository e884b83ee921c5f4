using System.Globalization;
using Paas.Runtime.Containers;
using Paas.Runtime.Monitor;

namespace Paas.Runtime.Attach;

/// <summary>
/// <see cref="Paas.Core.Containers.IContainerRuntime.ExecAsync"/>: a short command in a running container (a health
/// check's <c>command</c>, <c>checks:run</c>) through <c>runc exec</c>, with its output captured. runc writes the
/// command's pid to a file in a session directory of the container's (<c>exec/ID</c>, as
/// <see cref="AttachedExec"/>'s sessions); from then on the command and its process group are under an
/// <see cref="OwnerDeathWatch"/>, so a <c>kill -9</c> of paasd kills it at once instead of leaving it running
/// until it ends by itself (runc exec outlives paasd). The session record is the same as an attached exec's, so
/// the recovery at paasd's next start (<see cref="AttachedExec.KillAbandonedAsync"/>) is the backstop when the
/// watch died too.
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
        try
        {
            var pidFile = Path.Combine(dir, "pid");
            var run = ctx.Oci.ExecAsync(container.Id, command, env, timeout, pidFile, ct);
            while (!run.IsCompleted)
            {
                if (ReadPid(pidFile) is { } pid)
                {
                    // runc's init makes the command a session (and group) leader: the group holds what it starts.
                    watch = OwnerDeathWatch.Start(pid, group: true);
                    AttachedExec.RecordSession(dir, pid);
                    break;
                }
                await Task.WhenAny(run, Task.Delay(PidFilePoll, ct));
            }
            return await run;
        }
        finally
        {
            watch?.Dispose();
            try { Directory.Delete(dir, recursive: true); }
            catch (DirectoryNotFoundException) { }
        }
    }

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
