using Paas.Core.Containers;
using Paas.Runtime.Logs;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

[Collection(ContainerCollection.Name)]
public sealed class LogTests(ContainerHost host)
{
    internal static ContainerSpec Spec(long appId, string type, string script, string name = "app") =>
        ContainerHost.Spec("sh", "-c", script) with
        {
            Labels = new Dictionary<string, string>
            {
                [ContainerLabels.App] = name, [ContainerLabels.AppId] = appId.ToString(), [ContainerLabels.ProcessType] = type,
            },
        };

    [Fact]
    public async Task Tail_ReturnsLastLines_WithTimestampStreamAppTypeAndContainer()
    {
        var app = ContainerHost.NewAppId();
        await using var scope = new ContainerScope(host.Runtime());
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var info = await scope.RunAsync(Spec(app, "worker", "echo oops >&2; sleep 0.3; for i in $(seq 1 20); do echo line-$i; done; printf no-newline"));
        await scope.WaitStoppedAsync(info.Id, TimeSpan.FromSeconds(10));

        var store = new FileLogStore(host.Paths);
        var lines = await store.TailAsync(app, 5, null, default);
        Assert.Equal(["line-17", "line-18", "line-19", "line-20", "no-newline"], lines.Select(l => l.Text));
        Assert.All(lines, l =>
        {
            Assert.Equal("app", l.App);
            Assert.Equal("worker", l.ProcessType);
            Assert.Equal(info.Id, l.ContainerId);
            Assert.Equal(LogStream.Stdout, l.Stream);
            Assert.InRange(l.Timestamp, before, DateTimeOffset.UtcNow.AddSeconds(1));
        });
        var all = await store.TailAsync(app, 100, null, default);
        Assert.Contains(all, l => l.Stream == LogStream.Stderr && l.Text == "oops");
        Assert.Empty(await store.TailAsync(app, 100, "web", default));
    }

    [Fact]
    public async Task Follow_ContinuesAcrossRestartsAndRedeploys()
    {
        var app = ContainerHost.NewAppId();
        await using var scope = new ContainerScope(host.Runtime());
        var old = await scope.RunAsync(Spec(app, "web", "echo before-follow; sleep 300"));
        await LogWait.ForLineAsync(host, old.Id, "before-follow", app);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<LogLine>();
        var follow = Task.Run(async () =>
        {
            await foreach (var line in new FileLogStore(host.Paths).FollowAsync(app, null, cts.Token))
            {
                lock (seen) seen.Add(line);
                if (line.Text == "second-release") return;
            }
        });
        await Task.Delay(300);

        // The old container stops (restart/redeploy), a new one with a new id takes over.
        await scope.Runtime.ExecAsync(old.Id, ["sh", "-c", "echo last-words > /proc/1/fd/1"], null, TimeSpan.FromSeconds(10), default);
        await scope.Runtime.StopAsync(old.Id, TimeSpan.FromSeconds(2), default);
        var next = await scope.RunAsync(Spec(app, "web", "echo second-release; sleep 300"));

        await follow.WaitAsync(TimeSpan.FromSeconds(20));
        lock (seen)
        {
            Assert.DoesNotContain(seen, l => l.Text == "before-follow");
            Assert.Contains(seen, l => l.ContainerId == old.Id && l.Text == "last-words");
            Assert.Contains(seen, l => l.ContainerId == next.Id && l.Text == "second-release");
        }
    }

    [Fact]
    public async Task Rotation_KeepsTheNewestLinesInOrder_AndCapsTheAppsSize()
    {
        var app = ContainerHost.NewAppId();
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(Spec(app, "web",
            "i=0; while true; do i=$((i+1)); echo line-$i-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; sleep 0.002; done"));
        var rotator = new LogRotator(host.Paths, new LogRotationOptions(MaxFileBytes: 8 * 1024, MaxAppBytes: 48 * 1024), TimeProvider.System);

        var rotations = 0;
        for (var round = 0; round < 30; round++)
        {
            await Task.Delay(100);
            rotations += await rotator.RotateAsync(default);
        }
        await scope.Runtime.StopAsync(info.Id, TimeSpan.FromSeconds(2), default);
        await rotator.RotateAsync(default);

        Assert.True(rotations >= 3, $"only {rotations} rotations");
        var appDir = LogFiles.AppDir(host.Paths, LogFiles.AppKey(app));
        var total = Directory.GetFiles(appDir).Where(f => LogFiles.ContainerIdOf(f) is not null).Sum(f => new FileInfo(f).Length);
        Assert.True(total <= 48 * 1024 + 8 * 1024, $"app keeps {total} bytes of logs");

        // Whatever is kept is a gap-free run of the newest lines: nothing lost at a rotation.
        var numbers = (await new FileLogStore(host.Paths).TailAsync(app, 100_000, null, default))
            .Select(l => int.Parse(l.Text.Split('-')[1])).ToList();
        Assert.True(numbers.Count > 100, $"only {numbers.Count} lines kept");
        Assert.Equal(Enumerable.Range(numbers[0], numbers.Count), numbers);
    }

    [Fact]
    public async Task Follow_ReadsEveryLineOnce_AcrossRotations()
    {
        var app = ContainerHost.NewAppId();
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(Spec(app, "web", "echo start; sleep 1; i=0; while [ $i -lt 3000 ]; do i=$((i+1)); echo n-$i; if [ $((i % 100)) -eq 0 ]; then sleep 0.05; fi; done; sleep 300"));
        await LogWait.ForLineAsync(host, info.Id, "start", app);
        var rotator = new LogRotator(host.Paths, new LogRotationOptions(MaxFileBytes: 2 * 1024, MaxAppBytes: 10 * 1024 * 1024), TimeProvider.System);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var numbers = new List<int>();
        var follow = Task.Run(async () =>
        {
            await foreach (var line in new FileLogStore(host.Paths).FollowAsync(app, null, cts.Token))
            {
                if (!line.Text.StartsWith("n-")) continue;
                lock (numbers) numbers.Add(int.Parse(line.Text[2..]));
                if (line.Text == "n-3000") return;
            }
        });
        var rotations = 0;
        while (!follow.IsCompleted && !cts.IsCancellationRequested)
        {
            rotations += await rotator.RotateAsync(default);
            await Task.Delay(20);
        }
        await follow;

        Assert.True(rotations >= 2, $"only {rotations} rotations");
        lock (numbers)
        {
            // Every number once, in order, none lost or repeated at a rotation.
            Assert.Equal(Enumerable.Range(1, 3000), numbers);
            Assert.Equal(3000, numbers[^1]);
        }
    }
}
