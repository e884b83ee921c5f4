using System.Globalization;
using System.Text;
using Paas.Core.Containers;
using Paas.Runtime.Logs;
using Paas.Testing;

namespace Paas.Runtime.Tests.Logs;

/// <summary>
/// The log store over files laid out as conmon and the rotator leave them (active file, rotated
/// segments, meta file per container), written by the test: big histories in a second, exact
/// control over partial records and rotation.
/// </summary>
public sealed class LogHistoryTests : IDisposable
{
    private const long AppId = 42;
    private static readonly DateTimeOffset Epoch = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TestDirectory _root = new("paas-logs-test-");
    private readonly RuntimePaths _paths;
    private readonly string _appDir;

    public LogHistoryTests()
    {
        _paths = new RuntimePaths(_root.Path);
        _appDir = Directory.CreateDirectory(LogFiles.AppDir(_paths, LogFiles.AppKey(AppId))).FullName;
    }

    [Fact]
    public async Task Tail_Of100MbOfHistory_ReadsOnlyTheEndOfTheNewestFiles()
    {
        // An old container's history, then the current one's: ten rotated segments and the active file.
        WriteContainer("aaaa", "worker", firstLine: 0, segments: 1, linesPerFile: 100_000);
        WriteContainer("bbbb", "web", firstLine: 200_000, segments: 6, linesPerFile: 100_000);
        var total = Directory.GetFiles(_appDir).Sum(f => new FileInfo(f).Length);
        Assert.True(total > 100L * 1024 * 1024, $"history is {total} bytes");
        var store = new FileLogStore(_paths);

        var lines = await store.TailAsync(AppId, 100, null, default);

        Assert.Equal(Enumerable.Range(900_000 - 100, 100).Select(Text), lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal("bbbb", l.ContainerId));
        Assert.True(store.TailBytesRead < 256 * 1024, $"read {store.TailBytesRead} bytes of {total} for 100 lines");

        // The old container's lines are reached, from the end too, when the tail asks for its type.
        var worker = await store.TailAsync(AppId, 100, "worker", default);
        Assert.Equal(Enumerable.Range(200_000 - 100, 100).Select(Text), worker.Select(l => l.Text));
        Assert.True(store.TailBytesRead < 1024 * 1024, $"read {store.TailBytesRead} bytes of {total} for 200 lines");
    }

    [Fact]
    public async Task Tail_ReachesBackAcrossSegments_AndMergesContainersByTime()
    {
        WriteContainer("aaaa", "web", firstLine: 0, segments: 3, linesPerFile: 10, stride: 2);
        WriteContainer("bbbb", "web", firstLine: 1, segments: 3, linesPerFile: 10, stride: 2);

        var lines = await new FileLogStore(_paths).TailAsync(AppId, 75, null, default);

        Assert.Equal(Enumerable.Range(80 - 75, 75).Select(Text), lines.Select(l => l.Text));
    }

    [Fact]
    public async Task Tail_JoinsPartialRecords_AndNeverReturnsTheCutEndOfALongLine()
    {
        // Lines of 40 KB, each written as five partial records and a full one, stdout and stderr
        // interleaved: the first read block starts in the middle of one.
        var text = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            var stream = i % 2 == 0 ? "stdout" : "stderr";
            var body = new string((char)('a' + i), 40 * 1024);
            for (var part = 0; part < 5; part++)
                text.Append(Record(At(i), stream, 'P', body.Substring(part * 8 * 1024, 8 * 1024)));
            text.Append(Record(At(i), stream, 'F', $"-end-{i}"));
        }
        File.WriteAllText(Path.Combine(_appDir, "cccc.log"), text.ToString());

        var lines = await new FileLogStore(_paths).TailAsync(AppId, 3, null, default);

        Assert.Equal([9, 10, 11], lines.Select(l => l.Text[0] - 'a'));
        Assert.All(lines, l => Assert.Equal(40 * 1024 + $"-end-{l.Text[0] - 'a'}".Length, l.Text.Length));
        Assert.Equal([LogStream.Stderr, LogStream.Stdout, LogStream.Stderr], lines.Select(l => l.Stream));
    }

    [Fact]
    public async Task AnIdleFollower_DoesNotPoll_AndWakesOnWrites_EveryLineOnceAcrossRotations()
    {
        var active = Path.Combine(_appDir, "dddd.log");
        File.WriteAllText(LogFiles.MetaFile(_appDir, "dddd"), """{"App":"a","ProcessType":"web","ContainerId":"dddd"}""");
        File.WriteAllText(active, Record(At(0), "stdout", 'F', "history"));
        var store = new FileLogStore(_paths);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        var follow = Task.Run(async () =>
        {
            await foreach (var line in store.FollowAsync(AppId, null, cts.Token))
            {
                lock (seen) seen.Add(line.Text);
                if (line.Text == Text(299)) return;
            }
        }, cts.Token);
        await WaitUntilAsync(() => store.FollowerScans >= 1);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(1, store.FollowerScans);

        // Lines, then rotations as the rotator does them: rename the active file, then the monitor
        // writes a little more to the renamed file and creates a new one.
        var next = 0;
        for (var rotation = 0; rotation < 3; rotation++)
        {
            Append(active, ref next, 40);
            await WaitUntilAsync(() => { lock (seen) return seen.Count == next; });
            var segment = $"{active}.{Epoch.AddMinutes(rotation).UtcTicks}";
            using (var renamed = new FileStream(active, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
                File.Move(active, segment);
                var late = new StringBuilder();
                for (var i = 0; i < 30; i++, next++) late.Append(Record(At(next), "stdout", 'F', Text(next)));
                renamed.Write(Encoding.UTF8.GetBytes(late.ToString()));
            }
            Append(active, ref next, 30);
        }
        await follow.WaitAsync(TimeSpan.FromSeconds(20));

        lock (seen) Assert.Equal(Enumerable.Range(0, 300).Select(Text), seen);
    }

    [Fact]
    public async Task AFollower_Ends_WhenTheAppsHistoryIsDeleted()
    {
        var store = new FileLogStore(_paths);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var follow = Task.Run(async () =>
        {
            await foreach (var _ in store.FollowAsync(AppId, null, cts.Token)) { }
        }, cts.Token);
        await WaitUntilAsync(() => store.FollowerScans >= 1);

        await store.DeleteAsync(AppId, default);

        await follow.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(cts.IsCancellationRequested);
    }

    [Fact]
    public async Task Delete_RemovesTheAppsHistory_AndOnlyItsOwn()
    {
        WriteContainer("eeee", "web", firstLine: 0, segments: 1, linesPerFile: 5);
        var other = Directory.CreateDirectory(LogFiles.AppDir(_paths, LogFiles.AppKey(AppId + 1))).FullName;
        File.WriteAllText(Path.Combine(other, "ffff.log"), Record(At(0), "stdout", 'F', "kept"));
        var store = new FileLogStore(_paths);

        await store.DeleteAsync(AppId, default);
        await store.DeleteAsync(AppId, default);

        Assert.False(Directory.Exists(_appDir));
        Assert.Empty(await store.TailAsync(AppId, 10, null, default));
        Assert.Equal(["kept"], (await store.TailAsync(AppId + 1, 10, null, default)).Select(l => l.Text));
    }

    private void Append(string file, ref int next, int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++, next++) text.Append(Record(At(next), "stdout", 'F', Text(next)));
        File.AppendAllText(file, text.ToString());
    }

    /// <summary>Lines firstLine, firstLine+stride, ... spread over rotated segments and the active file.</summary>
    private void WriteContainer(string id, string processType, int firstLine, int segments, int linesPerFile, int stride = 1)
    {
        File.WriteAllText(LogFiles.MetaFile(_appDir, id), $$"""{"App":"a","ProcessType":"{{processType}}","ContainerId":"{{id}}"}""");
        var line = firstLine;
        for (var file = 0; file <= segments; file++)
        {
            var path = Path.Combine(_appDir, file == segments ? $"{id}.log" : $"{id}.log.{Epoch.AddSeconds(line).UtcTicks}");
            var text = new StringBuilder();
            for (var i = 0; i < linesPerFile; i++, line += stride)
                text.Append(Record(At(line), "stdout", 'F', Text(line)));
            File.WriteAllText(path, text.ToString());
            File.SetLastWriteTimeUtc(path, At(line - stride).UtcDateTime);
        }
    }

    private static DateTimeOffset At(int line) => Epoch.AddTicks(line * 10_000L);

    private static string Text(int line) => $"line {line.ToString("D7", CultureInfo.InvariantCulture)} " + new string('x', 60);

    private static string Record(DateTimeOffset at, string stream, char tag, string text) =>
        $"{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffff}00+00:00 {stream} {tag} {text}\n";

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(10);
        }
    }

    public void Dispose() => _root.Dispose();
}
