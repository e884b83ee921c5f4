using System.Diagnostics;
using System.Globalization;
using System.Text;
using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

/// <summary>
/// A long-running published <c>paas</c> (such as <c>logs -t</c>) whose output lines are watched as they come;
/// ended with SIGTERM as a service manager or Ctrl-C would, and killed on dispose if it is still running.
/// </summary>
public sealed class FollowingPaas : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private FollowingPaas(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr) _stderr.AppendLine(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static FollowingPaas Start(string binDirectory, string socketPath, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(binDirectory, "paas"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var name in new[] { "PAAS_URL", "PAAS_TOKEN" })
            start.Environment.Remove(name);
        start.Environment["PAAS_SOCKET"] = socketPath;
        return new FollowingPaas(Process.Start(start) ?? throw new InvalidOperationException("could not start paas"));
    }

    /// <summary>Everything printed so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
                lock (_stderr)
                    return $"--- stdout ---\n{string.Join('\n', _lines)}\n--- stderr ---\n{_stderr}";
        }
    }

    /// <summary>The first output line that ends with <paramref name="suffix"/>; fails when none came in time.</summary>
    public async Task<string> WaitForLineEndingWithAsync(string suffix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_lines)
            {
                var found = _lines.FirstOrDefault(l => l.EndsWith(suffix, StringComparison.Ordinal));
                if (found is not null) return found;
            }
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero && !_process.HasExited, $"no line ending with '{suffix}' within {timeout}:\n{Output}");
            await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(Math.Min(left.TotalMilliseconds, 200)));
        }
    }

    /// <summary>Sends SIGTERM and returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        await ProcessRunner.RunCheckedAsync("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
        _lineArrived.Release();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        _lineArrived.Dispose();
    }
}
