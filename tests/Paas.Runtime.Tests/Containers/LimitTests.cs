using Paas.Core.Containers;
using Paas.Core.Limits;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

[Collection(ContainerCollection.Name)]
public sealed class LimitTests(ContainerHost host)
{
    [Fact]
    public async Task AllocatingPastMemoryLimit_IsOomKilled_AndRecordedAsOom_WhileOtherContainersGoOn()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var bystander = await scope.RunAsync(ContainerHost.Spec("sleep", "300"));
        var hog = await scope.RunAsync(ContainerHost.Spec("perl", "-e", "$x = 'x' x (200 * 1024 * 1024); sleep 5")
            with { Limits = new ResourceLimits(32 * ResourceLimits.MiB, 1m, 64) });

        var stopped = await scope.WaitStoppedAsync(hog.Id, TimeSpan.FromSeconds(20));
        Assert.True(stopped.OomKilled, $"not recorded as OOM (exit {stopped.ExitCode})");
        Assert.Equal(137, stopped.ExitCode);
        Assert.NotNull(stopped.FinishedAt);

        var other = await scope.Runtime.FindAsync(bystander.Id, default);
        Assert.Equal(ContainerStatus.Running, other!.Status);
        Assert.False(other.OomKilled);
    }

    [Fact]
    public async Task ForkBomb_StopsAtPidsLimit()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var bomb = await scope.RunAsync(ContainerHost.Spec("perl", "-e",
                "while (1) { my $p = fork(); if (!defined $p) { select(undef, undef, undef, 0.01); next } if ($p == 0) { sleep 60; exit } }")
            with { Limits = new ResourceLimits(256 * ResourceLimits.MiB, 1m, 32) });

        // It reaches the limit and never goes past it, however long it keeps forking.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var peak = 0;
        while (DateTime.UtcNow < deadline)
        {
            var pids = (await scope.Runtime.StatsAsync(bomb.Id, default)).Pids;
            Assert.True(pids <= 32, $"{pids} processes in a container limited to 32");
            peak = Math.Max(peak, pids);
            if (peak == 32) break;
            await Task.Delay(50);
        }
        Assert.Equal(32, peak);
        await Task.Delay(500);
        Assert.Equal(32, (await scope.Runtime.StatsAsync(bomb.Id, default)).Pids);
        Assert.Equal(ContainerStatus.Running, (await scope.Runtime.FindAsync(bomb.Id, default))!.Status);
        // The host still forks fine.
        Assert.Equal("ok", (await scope.ExecAsyncOnHost("echo", "ok")).Trim());
    }

    [Fact]
    public async Task BusyLoop_LimitedToHalfACpu_UsesHalfACpu()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var busy = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "while :; do :; done")
            with { Limits = new ResourceLimits(64 * ResourceLimits.MiB, 0.5m, 16) });

        using var weight = new CpuWeight(busy.Id);
        await Task.Delay(500);
        var before = await scope.Runtime.StatsAsync(busy.Id, default);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var after = await scope.Runtime.StatsAsync(busy.Id, default);

        var cpus = (after.CpuTime - before.CpuTime).TotalSeconds / (after.ReadAt - before.ReadAt).TotalSeconds;
        Assert.InRange(cpus, 0.4, 0.6);
    }

    [Fact]
    public async Task Stats_ReportMemoryUsagePeakAndLimit()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("perl", "-e", "$x = 'x' x (20 * 1024 * 1024); sleep 300")
            with { Limits = new ResourceLimits(128 * ResourceLimits.MiB, 1m, 64) });
        await Task.Delay(1000);

        var stats = await scope.Runtime.StatsAsync(info.Id, default);
        Assert.Equal(128 * ResourceLimits.MiB, stats.MemoryLimitBytes);
        Assert.InRange(stats.MemoryBytes, 20L * 1024 * 1024, 128 * ResourceLimits.MiB);
        Assert.True(stats.MemoryPeakBytes >= stats.MemoryBytes, $"peak {stats.MemoryPeakBytes} < usage {stats.MemoryBytes}");
        Assert.InRange(stats.Pids, 2, 4);
        Assert.True(stats.CpuTime > TimeSpan.Zero);
    }
}
