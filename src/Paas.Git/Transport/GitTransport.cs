using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Paas.Core.Git;
using Paas.Git.Repos;

namespace Paas.Git.Transport;

/// <summary>
/// git's own server side on an app's repo: `git -c core.hooksPath=OURS receive-pack|upload-pack`,
/// in its own process group, with a clean environment. Bytes are passed on as they come in both
/// directions (a 100 MB pack never sits in memory); stderr goes to paasd's log. Cancellation, a
/// broken input or a client that stopped reading kills the whole group, so an aborted push never
/// updates a ref and leaves no process behind.
/// </summary>
public sealed class GitTransport(GitOptions options, ILogger<GitTransport> logger) : IGitTransport
{
    private const int BufferSize = 64 * 1024;

    private readonly Lazy<string> _hooks = new(() =>
    {
        HookDirectory.Write(options.HooksDirectory);
        GitTransportLog.HooksWritten(logger, options.HooksDirectory);
        return options.HooksDirectory;
    });

    /// <summary>Writes the hooks dir now rather than on the first push (paasd calls this at start).</summary>
    public void WriteHooks() => _ = _hooks.Value;

    public async Task<int> ServeAsync(long appId, GitSession session, Stream input, Stream output, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var repo = options.RepoPath(appId);
        if (!Directory.Exists(repo))
            throw new DirectoryNotFoundException($"the repo of app {appId} does not exist at {repo}");
        var name = session.Service == GitService.ReceivePack ? "receive-pack" : "upload-pack";

        using var process = Process.Start(StartInfo(name, repo, session)) ?? throw new InvalidOperationException("cannot start git");
        // setsid execs git without forking (paasd's child is never a group leader): pid = process group id.
        var group = process.Id;
        using var stopInput = new CancellationTokenSource();
        try
        {
            using var onCancel = ct.Register(() => ProcessGroup.Kill(group));
            var errors = LogErrorsAsync(process.StandardError, name, appId);
            var feeding = FeedAsync(input, process.StandardInput.BaseStream, group, name, appId, stopInput.Token);
            await CopyOutputAsync(process.StandardOutput.BaseStream, output, group, name, appId, ct);
            await process.WaitForExitAsync(CancellationToken.None);
            // git has finished: an SSH client's stdin may never end on its own.
            await stopInput.CancelAsync();
            await feeding;
            await errors;
            ct.ThrowIfCancellationRequested();
            return process.ExitCode;
        }
        finally
        {
            if (!process.HasExited)
            {
                ProcessGroup.Kill(group);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private ProcessStartInfo StartInfo(string service, string repo, GitSession session)
    {
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("git");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("core.hooksPath=" + _hooks.Value);
        start.ArgumentList.Add(service);
        if (session.StatelessRpc) start.ArgumentList.Add("--stateless-rpc");
        if (session.AdvertiseRefsOnly) start.ArgumentList.Add("--advertise-refs");
        start.ArgumentList.Add(repo);
        var environment = new Dictionary<string, string>(session.Environment)
        {
            ["PAAS_CLI"] = options.CliPath,
            ["PAAS_SOCKET"] = options.SocketPath,
        };
        GitEnvironment.Apply(start.Environment, environment);
        return start;
    }

    /// <summary>Flushed per read, so hook output (sideband) reaches the pusher as it is written.</summary>
    private async Task CopyOutputAsync(Stream from, Stream to, int group, string service, long appId, CancellationToken ct)
    {
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await from.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            try
            {
                await to.WriteAsync(buffer.AsMemory(0, read), ct);
                await to.FlushAsync(ct);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                GitTransportLog.Killed(logger, service, appId, "the client stopped reading");
                ProcessGroup.Kill(group);
                throw;
            }
        }
    }

    /// <summary>
    /// Input that fails to arrive whole (the connection broke mid-pack) kills git: it must never be handed a
    /// truncated pack and left to decide. git closing its stdin early (it needed no more) is not an error.
    /// </summary>
    private async Task FeedAsync(Stream from, Stream to, int group, string service, long appId, CancellationToken stop)
    {
        var buffer = new byte[BufferSize];
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await from.ReadAsync(buffer, stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    GitTransportLog.Killed(logger, service, appId, "the input broke: " + e.Message);
                    ProcessGroup.Kill(group);
                    return;
                }
                if (read == 0) break;
                await to.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None);
                await to.FlushAsync(CancellationToken.None);
            }
        }
        catch (IOException)
        {
            // git closed its stdin (exited, or read all it wanted).
        }
        finally
        {
            try
            {
                to.Close();
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task LogErrorsAsync(StreamReader errors, string service, long appId)
    {
        while (await errors.ReadLineAsync() is { } line)
            if (line.Length > 0) GitTransportLog.GitStderr(logger, service, appId, line);
    }
}
