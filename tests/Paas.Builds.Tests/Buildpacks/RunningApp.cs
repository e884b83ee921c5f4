using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paas.Builds.Tests.Buildpacks;

/// <summary>
/// A built app started the way it runs in its container: as the unprivileged user, HOME is the
/// app dir, .profile.d/*.sh sourced, the web command eval'd (so $PORT expands), on a free
/// loopback port. Dispose kills its whole process tree, also when the test failed.
/// </summary>
public sealed class RunningApp : IDisposable
{
    // Herokuish's procfile-exec: profile scripts first, then the command through eval.
    private const string Launcher = """for f in .profile.d/*.sh; do if [ -f "$f" ]; then . "$f"; fi; done; eval "exec $1" """;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningApp(Process process, int port)
    {
        _process = process;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public HttpClient Client { get; }

    /// <summary>What the app printed so far (stdout and stderr), for assertions and failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>
    /// Waits until the app printed <paramref name="text"/>: a log line is written after the
    /// response it records went out, so reading the output once right after a request races it.
    /// </summary>
    public async Task<string> WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"the app did not print '{text}' within the timeout; it printed:\n{Output}");
            await Task.Delay(50);
        }
        return Output;
    }

    /// <summary>Starts <paramref name="command"/> in <paramref name="appDir"/> and waits until it answers HTTP.</summary>
    public static async Task<RunningApp> StartAsync(BuildpackWorkspace workspace, string appDir, string command)
    {
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Unprivileged.SearchPath,
            ["HOME"] = appDir,
            ["PORT"] = port.ToString(),
            ["TMPDIR"] = workspace.TmpDir,
            ["LANG"] = "C.UTF-8",
        };
        var line = Unprivileged.Command(environment, "bash", "-c", Launcher, "web", command);
        var start = new ProcessStartInfo(line[0])
        {
            WorkingDirectory = appDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in line.Skip(1)) start.ArgumentList.Add(argument);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        var app = new RunningApp(process, port);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilAnsweringAsync(command);
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    private async Task WaitUntilAnsweringAsync(string command)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"'{command}' exited {_process.ExitCode} before answering:\n{Output}");
            try
            {
                using var response = await Client.GetAsync("/");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (HttpRequestException e)
            {
                throw new TimeoutException($"'{command}' did not answer on {Client.BaseAddress} within 60 s:\n{Output}", e);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        _process.Dispose();
    }
}
