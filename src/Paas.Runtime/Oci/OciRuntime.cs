using System.Text.Json;
using Paas.Core.Containers;

namespace Paas.Runtime.Oci;

/// <summary>
/// Thin driver for runc or crun (Podman's libpod/oci.go style): runs one verb, parses JSON, maps
/// the runtime's stderr to typed errors naming the container, and keeps no state of its own.
/// Containers are created by the monitor (conmon), which owns their stdio.
/// </summary>
public sealed class OciRuntime(string binary, string stateRoot)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public string Binary { get; } = binary;

    /// <summary>The runtime's private state dir (its --root).</summary>
    public string StateRoot { get; } = stateRoot;

    private bool IsRunc => Path.GetFileName(Binary) == "runc";

    /// <summary>Global flags: a private state dir so nothing mixes with other runc users.</summary>
    public IReadOnlyList<string> GlobalArgs { get; } = ["--root", stateRoot, "--log-format", "json"];

    /// <summary>
    /// Releases a created container's process. With runc and a known init pid this is done in
    /// process through runc's exec fifo (<see cref="RuncExecFifo"/>); otherwise, or when that
    /// finds anything unexpected, by `runtime start`.
    /// </summary>
    public async Task StartAsync(string id, int? initPid, CancellationToken ct)
    {
        if (initPid is { } pid && IsRunc && await RuncExecFifo.TryStartAsync(StateRoot, id, pid, Timeout, ct)) return;
        await RunAsync(id, "start", [id], ct);
    }

    public async Task KillAsync(string id, int signal, CancellationToken ct)
    {
        // --all reaches every process even if the container shares a PID namespace.
        try { await RunAsync(id, "kill", ["--all", id, signal.ToString()], ct); }
        catch (ContainerRuntimeException e) when (IsNotRunning(e.Detail)) { throw new ContainerNotRunningException(id); }
    }

    public Task DeleteAsync(string id, bool force, CancellationToken ct) =>
        RunAsync(id, "delete", force ? ["--force", id] : [id], ct);

    /// <summary>Null when the runtime does not know the container.</summary>
    public async Task<OciState?> StateAsync(string id, CancellationToken ct)
    {
        try
        {
            var json = await RunAsync(id, "state", [id], ct);
            return JsonSerializer.Deserialize<OciState>(json);
        }
        catch (ContainerNotFoundException) { return null; }
    }

    /// <summary>`runtime exec`; with <paramref name="pidFile"/> the runtime writes the command's pid there once it runs.</summary>
    public async Task<ProcessResult> ExecAsync(
        string id, IReadOnlyList<string> command, IReadOnlyDictionary<string, string>? env, TimeSpan timeout, string? pidFile, CancellationToken ct)
    {
        var args = new List<string>(GlobalArgs) { "exec" };
        if (pidFile is not null) { args.Add("--pid-file"); args.Add(pidFile); }
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) { args.Add("--env"); args.Add($"{k}={v}"); }
        args.Add(id);
        args.AddRange(command);
        var result = await ProcessRunner.RunAsync(Binary, args, timeout, ct);
        // runc exec returns the command's status, or 255 with its own error on stderr.
        if (result.ExitCode == 255 && ErrorMessage(result.Stderr) is { } error && error.Length > 0 && LooksLikeRuntimeError(result.Stderr))
            throw Map(id, "exec", error);
        return result;
    }

    private async Task<string> RunAsync(string id, string verb, IReadOnlyList<string> verbArgs, CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync(Binary, GlobalArgs.Append(verb).Concat(verbArgs), Timeout, ct);
        if (result.ExitCode != 0)
            throw Map(id, verb, ErrorMessage(result.Stderr) ?? $"exit code {result.ExitCode}");
        return result.Stdout;
    }

    private static ContainerException Map(string id, string verb, string message)
    {
        if (message.Contains("does not exist", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("not found", StringComparison.OrdinalIgnoreCase) && message.Contains("container", StringComparison.OrdinalIgnoreCase))
            return new ContainerNotFoundException(id);
        return new ContainerRuntimeException(id, verb, message);
    }

    private static bool IsNotRunning(string message) =>
        message.Contains("not running", StringComparison.OrdinalIgnoreCase) ||
        message.Contains("process already finished", StringComparison.OrdinalIgnoreCase) ||
        message.Contains("no such process", StringComparison.OrdinalIgnoreCase);

    private static bool LooksLikeRuntimeError(string stderr) => stderr.Contains("\"level\":\"error\"", StringComparison.Ordinal);

    /// <summary>runc --log-format json writes {"level":"error","msg":...} lines; crun writes plain text.</summary>
    public static string? ErrorMessage(string stderr)
    {
        var messages = new List<string>();
        foreach (var line in stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('{'))
            {
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    if (doc.RootElement.TryGetProperty("level", out var level) && level.GetString() is "error" or "fatal" &&
                        doc.RootElement.TryGetProperty("msg", out var msg))
                        messages.Add(msg.GetString() ?? "");
                    continue;
                }
                catch (JsonException) { }
            }
            messages.Add(line);
        }
        return messages.Count == 0 ? null : string.Join("; ", messages);
    }
}
