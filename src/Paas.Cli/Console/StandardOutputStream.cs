namespace Paas.Cli.Console;

/// <summary>
/// Standard output when it is a pipe. Like .NET's console stream it drops output once the reader has gone
/// (<c>paas apps:list | head -n 1</c> is not an error), but it also says so in <see cref="ReaderGone"/>, so that
/// <c>paas logs -t | grep -m 1 ready</c> can stop following instead of running on forever.
/// </summary>
public sealed class StandardOutputStream(Stream pipe) : Stream
{
    /// <summary>EPIPE on Linux; .NET reports an errno it has no exception type for as the IOException's HResult.</summary>
    private const int BrokenPipe = 32;

    public bool ReaderGone { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (ReaderGone) return;
        try
        {
            pipe.Write(buffer);
        }
        catch (IOException e) when (e.HResult == BrokenPipe)
        {
            ReaderGone = true;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (ReaderGone) return;
        try
        {
            await pipe.WriteAsync(buffer, cancellationToken);
        }
        catch (IOException e) when (e.HResult == BrokenPipe)
        {
            ReaderGone = true;
        }
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
