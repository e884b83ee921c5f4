using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Paas.Core.Checks;
using Paas.Engine.Checks;
using static Paas.Engine.Tests.Checks.HealthCheckerHttpTests;

namespace Paas.Engine.Tests.Checks;

/// <summary>Listening, uptime and command checks, the plan's modes and cancellation, on real containers.</summary>
[Collection(CheckContainersCollection.Name)]
public sealed class HealthCheckerContainerTests(CheckContainers containers)
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Listening_PassesWhenSomethingAccepts_AndSaysSoWhenNothingDoes()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var container = await containers.StartAsync("sleep 60");
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var check = new HealthCheck { Listening = true, Attempts = 2, Wait = Short };

            var open = await Checker().RunAsync(Plan(check), Target(container, port), new RecordingOutput(), default);
            var closed = await Checker().RunAsync(Plan(check with { Port = ClosedPort() }), Target(container, port), new RecordingOutput(), default);

            Assert.True(open.Passed, open.Failure);
            Assert.Matches(@"^web\.1: check 'listening on port \d+' failed after 2 attempts: nothing accepts connections on port \d+ \(connection refused\)$", closed.Failure);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task TheDefaultWebPlan_PassesOnceTheAppListens_AndHasBeenUpDefaultWait()
    {
        var port = ClosedPort();
        var listener = new TcpListener(IPAddress.Loopback, port);
        var container = await containers.StartAsync("sleep 60");
        var plan = CheckPlan.For("web", new Dictionary<string, IReadOnlyList<HealthCheck>>(), ChecksFile.Empty,
            CheckSettings.Defaults with { DefaultWait = TimeSpan.FromSeconds(2) });
        var output = new RecordingOutput();
        var clock = Stopwatch.StartNew();
        // The app binds its port a little after starting.
        var binding = Task.Delay(2000).ContinueWith(_ => listener.Start(), TaskScheduler.Default);
        try
        {
            var result = await Checker().RunAsync(plan, Target(container, port), output, default);

            Assert.True(result.Passed, output.ToString());
            Assert.Equal("       web.1: 2 checks (default)", output.Lines[0]);
            // Quiet: a line once it has waited a second, and one when the port answered (tried after 50 ms, doubling to 500 ms).
            var listening = output.Lines.Where(l => l.Contains("'listening on $PORT'", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, listening.Count);
            Assert.StartsWith("       web.1: check 'listening on $PORT' waiting: nothing accepts connections", listening[0]);
            Assert.Matches(@"^       web\.1: check 'listening on \$PORT' ok after [0-9.]+s \([0-9]+ tries\)$", listening[1]);
            Assert.Contains(output.Lines, l => l.StartsWith("       web.1: check 'uptime 2s' ", StringComparison.Ordinal));
            Assert.Contains("       web.1: check 'uptime 2s' ok", output.Lines);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"passed after {clock.Elapsed}, before the port was bound");
        }
        finally
        {
            await binding;
            listener.Stop();
        }
    }

    [Fact]
    public async Task TheDefaultWebPlan_NoticesAPortThatIsOpenAtOnce_WithinMilliseconds_InOneLine()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var container = await containers.StartAsync("sleep 60");
            var listening = CheckPlan.DefaultChecks("web", TimeSpan.FromSeconds(10))[0];
            var output = new RecordingOutput();
            var clock = Stopwatch.StartNew();

            var result = await Checker().RunAsync(Plan(listening), Target(container, ((IPEndPoint)listener.LocalEndpoint).Port), output, default);

            Assert.True(result.Passed, output.ToString());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
            Assert.Matches(@"^       web\.1: check 'listening on \$PORT' ok after [0-9.]+s \(1 try\)$", Assert.Single(output.Lines, l => l.Contains("listening", StringComparison.Ordinal)));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task TheDefaultWebCheck_OnAPortThatNeverOpens_SaysSoInTwoLines()
    {
        var container = await containers.StartAsync("sleep 60");
        // The default check's pace with a 2 s budget instead of default-wait + 10 s.
        var listening = CheckPlan.DefaultChecks("web", TimeSpan.FromSeconds(10))[0] with { Attempts = 8 };
        var output = new RecordingOutput();

        var result = await Checker().RunAsync(Plan(listening), Target(container, ClosedPort()), output, default);

        Assert.False(result.Passed);
        var lines = output.Lines.Where(l => l.Contains("listening", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("       web.1: check 'listening on $PORT' waiting: nothing accepts connections on port", lines[0]);
        Assert.Contains("check 'listening on $PORT' failed after 8 attempts: nothing accepts connections", lines[1]);
    }

    [Fact]
    public async Task Uptime_WaitsFromTheContainersStart_ThenAsksTheRuntime()
    {
        var container = await containers.StartAsync("sleep 60");
        var output = new RecordingOutput();

        var result = await Checker().RunAsync(Plan(new HealthCheck { Uptime = TimeSpan.FromSeconds(1.5) }), Target(container, 5000), output, default);

        Assert.True(result.Passed, output.ToString());
        Assert.True(DateTimeOffset.UtcNow - container.StartedAt >= TimeSpan.FromSeconds(1.5));
        Assert.Matches(@"^       web\.1: check 'uptime 1\.5s' waiting [\d.]+s$", output.Lines[1]);
        Assert.Equal("       web.1: check 'uptime 1.5s' ok", output.Lines[2]);
    }

    [Fact]
    public async Task Uptime_FailsAsSoonAsTheContainerExits()
    {
        var container = await containers.StartAsync("sleep 0.5; exit 2");
        var clock = Stopwatch.StartNew();

        var result = await Checker().RunAsync(Plan(new HealthCheck { Uptime = TimeSpan.FromSeconds(30) }), Target(container, 5000), new RecordingOutput(), default);

        Assert.Equal("web.1: check 'uptime 30s' failed: the container exited (exit code 2)", result.Failure);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task AStoppedContainer_FailsBeforeAnyCheck()
    {
        var container = await containers.StartAsync("exit 7");
        await containers.WaitStoppedAsync(container.Id);

        var result = await Checker().RunAsync(Plan(new HealthCheck { Path = "/" }), Target(container, 5000), new RecordingOutput(), default);

        Assert.Equal("web.1: the container exited (exit code 7) before its checks began", result.Failure);
        Assert.Empty(result.Outcomes);
    }

    [Fact]
    public async Task Command_RunsInTheContainer_ExitZeroPasses_OtherwiseItsLastWordsAreTheReason()
    {
        var container = await containers.StartAsync("echo ready > /tmp/state; sleep 60");
        var passes = new HealthCheck { Command = ["/bin/sh", "-c", "grep -q ready /tmp/state"], Attempts = 5, Wait = Short };
        var fails = new HealthCheck { Name = "migrations", Command = ["/bin/sh", "-c", "echo checking; echo 'pending: 3' >&2; exit 4"], Attempts = 2, Wait = Short };

        var ok = await Checker().RunAsync(Plan(passes), Target(container, 5000), new RecordingOutput(), default);
        var failed = await Checker().RunAsync(Plan(fails), Target(container, 5000), new RecordingOutput(), default);

        Assert.True(ok.Passed, ok.Failure);
        Assert.Equal("web.1: check 'migrations' failed after 2 attempts: exit code 4: pending: 3", failed.Failure);
    }

    [Fact]
    public async Task ACommandThatHangs_FailsAtItsTimeout()
    {
        var container = await containers.StartAsync("sleep 60");

        var result = await Checker().RunAsync(Plan(new HealthCheck { Command = ["sleep", "30"], Attempts = 1, Timeout = TimeSpan.FromSeconds(1) }),
            Target(container, 5000), new RecordingOutput(), default);

        Assert.Equal("web.1: check 'command sleep 30' failed after 1 attempt: the command did not finish within 1s", result.Failure);
    }

    [Fact]
    public async Task SkippedAndDisabledPlans_PassWithoutTouchingTheContainer()
    {
        var output = new RecordingOutput();
        var target = new CheckTarget("no-such-container", "worker.1", IPAddress.Loopback, 5000, null, false, DateTimeOffset.UtcNow);

        var skipped = await Checker().RunAsync(new CheckPlan("worker", CheckMode.Skipped, CheckSource.Default, [], []), target, output, default);
        var disabled = await Checker().RunAsync(new CheckPlan("worker", CheckMode.Disabled, CheckSource.Default, [], []), target, output, default);

        Assert.True(skipped.Passed && disabled.Passed);
        Assert.Equal(["       worker.1: checks are skipped (checks:skip)", "       worker.1: zero downtime is disabled (checks:disable)"], output.Lines);
    }

    [Fact]
    public async Task Cancelling_StopsTheChecks_WithOperationCanceled()
    {
        var container = await containers.StartAsync("sleep 60");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Checker().RunAsync(Plan(new HealthCheck { Uptime = TimeSpan.FromSeconds(30) }), Target(container, 5000), new RecordingOutput(), cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    private HealthChecker Checker() => new(containers.Runtime, TimeProvider.System);
}
