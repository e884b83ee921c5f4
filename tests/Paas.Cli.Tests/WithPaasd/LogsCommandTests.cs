using System.Diagnostics;
using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

/// <summary>
/// `paas logs` over real container output: containers are started with the runtime library under paasd's
/// own PAAS_ROOT, labeled with the app, as the scheduler does; each test deletes its containers.
/// </summary>
[Collection(PaasdCollection.Name)]
public sealed class LogsCommandTests(PaasdFixture paasd) : IAsyncLifetime
{
    private const string Stack = "cli-logs-host";
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(20);

    private readonly PaasdCli _cli = new(paasd);
    private AppContainers _containers = null!;

    public async Task InitializeAsync()
    {
        var created = await _cli.RunInProcessAsync("stacks:create", Stack, "--from", "host");
        Assert.True(created.ExitCode == 0 || created.Stderr.Contains("already exists"), created.ToString());
        _containers = new AppContainers(paasd, $"stack/{Stack}");
    }

    [Fact]
    public async Task Logs_PrintTheLastLines_HerokuStyle_WithTheProcessType()
    {
        var app = await _cli.CreateAppAsync();
        await RunToEndAsync(app, "web", "echo first-out; echo first-err >&2");
        await RunToEndAsync(app, "worker", "echo second-out");

        var all = await _cli.RunAsync("logs", app, "-n", "10");
        var workerOnly = await _cli.RunInProcessAsync("logs", app, "-p", "worker");
        var lastOne = await _cli.RunInProcessAsync("logs", app, "--num", "1");

        Assert.True(all.ExitCode == 0, all.ToString());
        var timestamp = @"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00";
        Assert.Matches($"(?m)^{timestamp} app\\[web\\]: first-out$", all.Stdout);
        Assert.Matches($"(?m)^{timestamp} app\\[web\\]: first-err$", all.Stdout);
        Assert.Matches($"(?m)^{timestamp} app\\[worker\\]: second-out$", all.Stdout);
        Assert.Equal("", all.Stderr);
        Assert.Equal(["second-out"], Lines(workerOnly.Stdout).Select(l => l[(l.IndexOf("]: ", StringComparison.Ordinal) + 3)..]));
        Assert.Single(Lines(lastOne.Stdout));
    }

    [Fact]
    public async Task LogsTail_PrintsLinesOfAContainerStartedLater_AndEndsWithExitZeroOnSigterm()
    {
        var app = await _cli.CreateAppAsync();
        await RunToEndAsync(app, "web", "echo before-follow");
        using var follower = FollowingPaas.Start(paasd.BinDirectory, paasd.SocketPath, "logs", app, "-t");

        // The history came first, so the stream is open: the next line can only arrive by following.
        await follower.WaitForLineEndingWithAsync("app[web]: before-follow", LineTimeout);
        await RunToEndAsync(app, "worker", "echo after-follow");
        var live = await follower.WaitForLineEndingWithAsync("app[worker]: after-follow", LineTimeout);
        var exitCode = await follower.TerminateAsync(TimeSpan.FromSeconds(10));

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\S+\+00:00 app\[worker\]: after-follow$", live);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{follower.Output}");
    }

    [Fact]
    public async Task LogsTail_Stops_WhenTheReaderOfItsOutputGoesAway()
    {
        var app = await _cli.CreateAppAsync();
        await RunToEndAsync(app, "web", "echo before-close");
        var start = new ProcessStartInfo(paasd.PaasPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "logs", app, "-t" })
            start.ArgumentList.Add(arg);
        start.Environment.Remove("PAAS_URL");
        start.Environment["PAAS_SOCKET"] = paasd.SocketPath;
        using var process = Process.Start(start)!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            using var firstLine = new CancellationTokenSource(LineTimeout);
            var first = await process.StandardOutput.ReadLineAsync(firstLine.Token);

            // As `paas logs -t | head -n 1` does once head has its line.
            process.StandardOutput.Close();
            await RunToEndAsync(app, "web", "echo after-close");
            using var exit = new CancellationTokenSource(LineTimeout);
            await process.WaitForExitAsync(exit.Token);

            Assert.EndsWith("app[web]: before-close", first);
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("", await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    [Fact]
    public async Task Logs_OverPaasUrlWithAToken_ShowTheSameLines()
    {
        var app = await _cli.CreateAppAsync();
        await RunToEndAsync(app, "web", "echo remote-line");
        var token = await paasd.CreateTokenAsync();

        var remote = await _cli.RunRemoteAsync(token, "logs", app);
        var local = await _cli.RunInProcessAsync("logs", app);

        Assert.True(remote.ExitCode == 0, remote.ToString());
        Assert.EndsWith("app[web]: remote-line\n", remote.Stdout);
        Assert.Equal(local.Stdout, remote.Stdout);
    }

    [Fact]
    public async Task Logs_OfAnUnknownApp_ExitsOne_NamingIt()
    {
        var name = PaasdCli.UniqueName("ghost");

        var result = await _cli.RunInProcessAsync("logs", name);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains($"'{name}'", result.Stderr);
    }

    [Fact]
    public async Task Logs_OfABadProcessType_ExitsOne()
    {
        var app = await _cli.CreateAppAsync();

        var result = await _cli.RunInProcessAsync("logs", app, "-p", "Bad Type");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Bad Type", result.Stderr);
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private Task RunToEndAsync(string app, string processType, string script) =>
        _containers.RunToEndAsync(app, processType, script);

    public async Task DisposeAsync() => await _containers.DisposeAsync();
}
