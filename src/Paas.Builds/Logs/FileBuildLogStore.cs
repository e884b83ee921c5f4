using System.Globalization;
using System.Text;
using Paas.Core.Builds;

namespace Paas.Builds.Logs;

/// <summary>
/// Build logs as plain text files, $ROOT/build-logs/&lt;app id&gt;/&lt;build id&gt;.log: root-only
/// (0700 dirs, 0600 files), since a build's output may echo what its config holds. Apart from
/// $ROOT/logs, so nothing that reads an app's runtime history ever sees build output.
/// </summary>
public sealed class FileBuildLogStore(string root) : IBuildLogStore
{
    private const UnixFileMode PrivateDir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public Task<IBuildLogWriter> CreateAsync(long appId, long buildId, CancellationToken ct)
    {
        Directory.CreateDirectory(root, PrivateDir);
        var dir = Directory.CreateDirectory(AppDir(appId), PrivateDir).FullName;
        var stream = new FileStream(Path.Combine(dir, FileName(buildId)), new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            UnixCreateMode = PrivateFile,
            Options = FileOptions.Asynchronous,
        });
        return Task.FromResult<IBuildLogWriter>(new Writer(stream));
    }

    public async Task<BuildLogChunk> ReadAsync(long appId, long buildId, long offset, int maxBytes, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        FileStream stream;
        try
        {
            stream = new FileStream(Path.Combine(AppDir(appId), FileName(buildId)), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new BuildLogChunk([], offset, Exists: false);
        }

        await using (stream)
        {
            if (offset >= stream.Length)
                return new BuildLogChunk([], offset, Exists: true);
            stream.Position = offset;
            var buffer = new byte[(int)Math.Min(maxBytes, stream.Length - offset)];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            // Only complete lines: the writer may be in the middle of one.
            var end = Array.LastIndexOf(buffer, (byte)'\n', read - 1);
            if (end < 0)
            {
                // One line longer than maxBytes (the writer splits lines far below it) or a partial one: wait for more.
                return new BuildLogChunk([], offset, Exists: true);
            }
            var text = Encoding.UTF8.GetString(buffer, 0, end);
            return new BuildLogChunk(text.Split('\n'), offset + end + 1, Exists: true);
        }
    }

    public Task DeleteAppAsync(long appId, CancellationToken ct)
    {
        var dir = AppDir(appId);
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    private string AppDir(long appId) =>
        appId > 0 ? Path.Combine(root, appId.ToString(CultureInfo.InvariantCulture)) : throw new ArgumentOutOfRangeException(nameof(appId));

    private static string FileName(long buildId) =>
        buildId > 0 ? buildId.ToString(CultureInfo.InvariantCulture) + ".log" : throw new ArgumentOutOfRangeException(nameof(buildId));

    private sealed class Writer(FileStream stream) : IBuildLogWriter
    {
        public async ValueTask WriteLineAsync(string line, CancellationToken ct)
        {
            // One write per line (never a line torn by the buffer), flushed so a follower sees it now.
            var bytes = Encoding.UTF8.GetBytes(line.ReplaceLineEndings(" ") + "\n");
            await stream.WriteAsync(bytes, ct);
            await stream.FlushAsync(ct);
        }

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}
