using Paas.Core.Containers;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

/// <summary>RunInteractiveAsync and ExecInteractiveAsync: a terminal that echoes, resizes and passes exit codes on; piped stdin that ends.</summary>
[Collection(ContainerCollection.Name)]
public sealed class InteractiveRunTests(ContainerHost host)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Terminal_EchoesWhatIsTyped_ResizesVisibly_AndReturnsTheExitCode()
    {
        using var runtime = host.Runtime();
        var session = new ScriptedSession(terminal: true, new TerminalSize(100, 30));
        var run = runtime.RunInteractiveAsync(ContainerHost.Spec("sh"), session, Long, CancellationToken.None);

        // A shell on a terminal: it prompts, its line discipline echoes, and stty sees the size.
        session.Type("tty; stty size; echo $((40+2))\n");
        await session.SeenAsync("30 100");
        await session.SeenAsync("42");
        Assert.Contains("/dev/pts/", session.Stdout);
        Assert.Contains("echo $((40+2))", session.Stdout); // the echo of what was typed

        session.Resize(120, 40);
        // conmon applies the size asynchronously: ask until the shell sees it.
        await EventuallyAsync(async () =>
        {
            session.Type("stty size\n");
            await Task.Delay(200);
            return session.Stdout.Contains("40 120");
        }, () => session.Stdout);

        session.Type("exit 3\n");
        var info = await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(3, info.ExitCode);
        Assert.Equal("", session.Stderr);
        LeftoverAssert.NothingLeft(host, info.Id);
    }

    [Fact]
    public async Task PipedStdin_IsForwarded_AndItsEndClosesTheContainersStdin()
    {
        using var runtime = host.Runtime();
        var session = new ScriptedSession(terminal: false);
        var run = runtime.RunInteractiveAsync(ContainerHost.Spec("sh", "-c", "wc -l; echo done >&2; exit 5"), session, Long, CancellationToken.None);

        session.Type("one\ntwo\n");
        session.Type("three\n");
        session.EndInput();
        var info = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("3", session.Stdout.Trim());
        Assert.Equal("done\n", session.Stderr);
        Assert.Equal(5, info.ExitCode);
        LeftoverAssert.NothingLeft(host, info.Id);
    }

    [Fact]
    public async Task BrokenSession_KillsTheRun_AndLeavesNothing()
    {
        using var runtime = host.Runtime();
        var session = new ScriptedSession(terminal: true);
        var run = runtime.RunInteractiveAsync(ContainerHost.Spec("sh", "-c", "echo ready; sleep 300"), session, Long, CancellationToken.None);
        await session.SeenAsync("ready");

        session.Break();

        await Assert.ThrowsAsync<IOException>(() => run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.DoesNotContain(await runtime.ListAsync(CancellationToken.None), c => c.Spec.Command.SequenceEqual(["sh", "-c", "echo ready; sleep 300"]));
    }

    [Fact]
    public async Task Exec_WithATerminal_RunsInTheRunningContainer_AndLeavesItRunning()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "echo marker > /tmp/mark; sleep 300"));
        await WaitForFileAsync(scope, info.Id);
        var session = new ScriptedSession(terminal: true, new TerminalSize(90, 25));

        var exec = scope.Runtime.ExecInteractiveAsync(info.Id, ["sh"], session, Long, CancellationToken.None);
        session.Type("cat /tmp/mark; stty size; id -u\n");
        await session.SeenAsync("25 90");
        await session.SeenAsync("1000");
        Assert.Contains("marker", session.Stdout);
        session.Resize(132, 50);
        await EventuallyAsync(async () =>
        {
            session.Type("stty size\n");
            await Task.Delay(200);
            return session.Stdout.Contains("50 132");
        }, () => session.Stdout);
        session.Type("exit 7\n");

        Assert.Equal(7, await exec.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(ContainerStatus.Running, (await scope.Runtime.FindAsync(info.Id, CancellationToken.None))!.Status);
        // The exec's own files went with it, and its exit was not taken for the container's.
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(host.Paths.Containers, info.Id, "exec")));
        Assert.False(File.Exists(Path.Combine(host.Paths.Exits, info.Id)), "an exit file for the running container");
    }

    [Fact]
    public async Task Exec_WithoutATerminal_KeepsStderrApart_AndCancellationKillsOnlyTheCommand()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300"));
        var piped = new ScriptedSession(terminal: false);
        var exec = scope.Runtime.ExecInteractiveAsync(info.Id, ["sh", "-c", "tr a-z A-Z; echo err >&2"], piped, Long, CancellationToken.None);
        piped.Type("shout\n");
        piped.EndInput();
        Assert.Equal(0, await exec.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(("SHOUT\n", "err\n"), (piped.Stdout, piped.Stderr));

        using var cancel = new CancellationTokenSource();
        var waiting = new ScriptedSession(terminal: true);
        var stuck = scope.Runtime.ExecInteractiveAsync(info.Id, ["sh", "-c", "echo waiting; sleep 301"], waiting, Long, cancel.Token);
        await waiting.SeenAsync("waiting");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stuck.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(ContainerStatus.Running, (await scope.Runtime.FindAsync(info.Id, CancellationToken.None))!.Status);
        var commands = "";
        await EventuallyAsync(async () =>
        {
            commands = await scope.ExecAsync(info.Id, "sh", "-c", "cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' ' '");
            return !commands.Contains("sleep 301");
        }, () => "the killed command still runs: " + commands);
    }

    [Fact]
    public async Task Exec_InAStoppedContainer_IsRefused()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("true"));
        await scope.WaitStoppedAsync(info.Id, TimeSpan.FromSeconds(20));

        await Assert.ThrowsAsync<Paas.Runtime.Oci.ContainerNotRunningException>(() =>
            scope.Runtime.ExecInteractiveAsync(info.Id, ["sh"], new ScriptedSession(terminal: true), Long, CancellationToken.None));
    }

    private static async Task WaitForFileAsync(ContainerScope scope, string id)
    {
        for (var i = 0; i < 200; i++)
        {
            var result = await scope.Runtime.ExecAsync(id, ["cat", "/tmp/mark"], null, TimeSpan.FromSeconds(10), CancellationToken.None);
            if (result.ExitCode == 0) return;
            await Task.Delay(50);
        }
        Assert.Fail("the container never wrote /tmp/mark");
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
            if (DateTime.UtcNow > deadline) Assert.Fail("not within 10 s: " + what());
    }
}
