using Paas.Core.Ssh;

namespace Paas.Api.SshGit;

/// <summary>
/// git's stdin from <see cref="SshGitFrameKind.Input"/> frames; ends at <see cref="SshGitFrameKind.InputEnd"/>.
/// A connection that ends before that is a client that went away: <paramref name="abandoned"/> is cancelled so
/// git is killed rather than left to finish (and update refs) on half an input.
/// </summary>
public sealed class SshGitInputStream(SshGitFrameReader reader, CancellationTokenSource abandoned) : Stream
{
    private byte[] _current = [];
    private int _offset;
    private bool _ended;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_offset == _current.Length)
        {
            if (_ended) return 0;
            var frame = await NextAsync(cancellationToken);
            if (frame.Kind == SshGitFrameKind.InputEnd)
            {
                _ended = true;
                return 0;
            }
            (_current, _offset) = (frame.Payload, 0);
        }
        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    private async Task<(SshGitFrameKind Kind, byte[] Payload)> NextAsync(CancellationToken ct)
    {
        (SshGitFrameKind Kind, byte[] Payload)? frame;
        try
        {
            frame = await reader.ReadAsync(ct);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            await abandoned.CancelAsync();
            throw new IOException("the SSH client went away before the end of its input", e);
        }
        if (frame is null)
        {
            await abandoned.CancelAsync();
            throw new IOException("the SSH client went away before the end of its input");
        }
        if (frame.Value.Kind is not (SshGitFrameKind.Input or SshGitFrameKind.InputEnd))
        {
            await abandoned.CancelAsync();
            throw new InvalidDataException($"the SSH client sent a {frame.Value.Kind} frame; only input is expected");
        }
        return frame.Value;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
