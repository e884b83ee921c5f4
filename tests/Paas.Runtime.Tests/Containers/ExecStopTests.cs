using Paas.Core.Containers;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

/// <summary>
/// ExecAsync (a health check's command) stopped before it ends, by cancellation (the check no longer applies) or by its
/// timeout: the command goes, and so does what it started, even a process that left runc's tree (backgrounded from a
/// subshell, so the container's init adopted it) but stayed in the command's process group. The container runs on and
/// no exec session record is left.
/// </summary>
[Collection(ContainerCollection.Name)]
public sealed class ExecStopTests(ContainerHost host)
{
    [Fact]
    public async Task Exec_WhenCancelled_KillsTheCommandAndItsProcessGroup()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300"));
        using var cancel = new CancellationTokenSource();

        var exec = scope.Runtime.ExecAsync(info.Id, ["sh", "-c", Command(303)], null, TimeSpan.FromMinutes(1), cancel.Token);
        await EventuallyAsync(async () => (await ProcessesAsync(scope, info.Id)).Contains("sleep 3031")
            && (await ProcessesAsync(scope, info.Id)).Contains("sleep 3032"), () => "the command did not start");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => exec.WaitAsync(TimeSpan.FromSeconds(20)));
        await AssertGoneAsync(scope, info.Id, 303);
    }

    [Fact]
    public async Task Exec_PastItsTimeout_KillsTheCommandAndItsProcessGroup()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300"));

        var exec = scope.Runtime.ExecAsync(info.Id, ["sh", "-c", Command(304)], null, TimeSpan.FromSeconds(2), CancellationToken.None);

        await Assert.ThrowsAsync<TimeoutException>(() => exec.WaitAsync(TimeSpan.FromSeconds(20)));
        await AssertGoneAsync(scope, info.Id, 304);
    }

    /// <summary>`sleep N1` adopted by the container's init, `sleep N2` the command's own child.</summary>
    private static string Command(int n) => $"(sleep {n}1 &); sleep {n}2";

    private async Task AssertGoneAsync(ContainerScope scope, string id, int n)
    {
        IReadOnlyList<string> seen = [];
        await EventuallyAsync(async () =>
        {
            seen = await ProcessesAsync(scope, id);
            return !seen.Contains($"sleep {n}1") && !seen.Contains($"sleep {n}2");
        }, () => "still running in the container: " + string.Join(" | ", seen));
        Assert.Equal(ContainerStatus.Running, (await scope.Runtime.FindAsync(id, CancellationToken.None))!.Status);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(host.Paths.Containers, id, "exec")));
    }

    /// <summary>The command lines of the container's live processes (a zombie's is empty), arguments space-separated.</summary>
    private static async Task<IReadOnlyList<string>> ProcessesAsync(ContainerScope scope, string id) =>
        (await scope.ExecAsync(id, "sh", "-c", "for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < $f 2>/dev/null; echo; done"))
        .Split('\n').Select(line => line.Trim()).ToList();

    private static async Task EventuallyAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("not within 10 s: " + what());
            await Task.Delay(100);
        }
    }
}
