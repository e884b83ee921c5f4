namespace Paas.Api.Git;

/// <summary>
/// Writes <c>prefix</c> before the first byte written through it. The smart-HTTP ref advertisement
/// starts with a `# service=` line, which must not go out before paasd knows the app may be served:
/// until git writes, the response can still become a 404.
/// </summary>
internal sealed class PrefixedStream(Stream inner, byte[] prefix) : Stream
{
    private bool _prefixWritten;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        if (!_prefixWritten)
        {
            _prefixWritten = true;
            await inner.WriteAsync(prefix, ct);
        }
        await inner.WriteAsync(buffer, ct);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);

    public override void Flush() => inner.Flush();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("writes are asynchronous");
}
