using System.Text;
using Paas.Builds.Logs;

namespace Paas.Builds.Tests.Logs;

public sealed class FileBuildLogStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "paas-build-logs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Lines_AreReadBackFromAnOffset_AsTheyAreWritten()
    {
        var store = new FileBuildLogStore(_root);
        await using var log = await store.CreateAsync(3, 41, default);
        await log.WriteLineAsync("-----> Building", default);
        await log.WriteLineAsync("       two\r\nlines", default);

        var first = await store.ReadAsync(3, 41, 0, 1 << 16, default);
        Assert.Equal(["-----> Building", "       two lines"], first.Lines);
        Assert.True(first.Exists);

        await log.WriteLineAsync("=====> done", default);
        var next = await store.ReadAsync(3, 41, first.NextOffset, 1 << 16, default);
        Assert.Equal(["=====> done"], next.Lines);
        var none = await store.ReadAsync(3, 41, next.NextOffset, 1 << 16, default);
        Assert.Empty(none.Lines);
        Assert.Equal(next.NextOffset, none.NextOffset);
    }

    [Fact]
    public async Task AHalfWrittenLine_IsNotReturnedUntilItEnds()
    {
        var store = new FileBuildLogStore(_root);
        await (await store.CreateAsync(1, 1, default)).DisposeAsync();
        var file = Path.Combine(_root, "1", "1.log");
        await File.AppendAllTextAsync(file, "whole\nhal");

        var chunk = await store.ReadAsync(1, 1, 0, 1 << 16, default);
        Assert.Equal(["whole"], chunk.Lines);
        await File.AppendAllTextAsync(file, "f\n");
        Assert.Equal(["half"], (await store.ReadAsync(1, 1, chunk.NextOffset, 1 << 16, default)).Lines);
    }

    [Fact]
    public async Task ReadsAreBounded_AndResumeWhereTheyStopped()
    {
        var store = new FileBuildLogStore(_root);
        await using (var log = await store.CreateAsync(1, 2, default))
            for (var i = 0; i < 100; i++) await log.WriteLineAsync($"line {i:000}", default);

        var lines = new List<string>();
        long offset = 0;
        while (true)
        {
            var chunk = await store.ReadAsync(1, 2, offset, 64, default);
            if (chunk.Lines.Count == 0) break;
            Assert.True(Encoding.UTF8.GetByteCount(string.Join('\n', chunk.Lines)) <= 64);
            lines.AddRange(chunk.Lines);
            offset = chunk.NextOffset;
        }
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"line {i:000}"), lines);
    }

    [Fact]
    public async Task Logs_ArePrivate_AndGoWithTheirApp()
    {
        var store = new FileBuildLogStore(_root);
        await (await store.CreateAsync(5, 9, default)).DisposeAsync();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_root, "5", "9.log")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_root, "5")));

        await store.DeleteAppAsync(5, default);
        Assert.False((await store.ReadAsync(5, 9, 0, 1024, default)).Exists);
        await store.DeleteAppAsync(5, default);
    }

    [Fact]
    public async Task ABuildsLog_IsNeverCreatedTwice()
    {
        var store = new FileBuildLogStore(_root);
        await (await store.CreateAsync(1, 1, default)).DisposeAsync();
        await Assert.ThrowsAsync<IOException>(() => store.CreateAsync(1, 1, default));
    }
}
