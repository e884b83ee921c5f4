using System.Buffers.Binary;

namespace Paas.Core.Ssh;

/// <summary>Writes <see cref="SshGitWire"/> frames; safe to call from several tasks (git's stdout and an error message).</summary>
public sealed class SshGitFrameWriter(Stream stream)
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task WriteAsync(SshGitFrameKind kind, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            do
            {
                var chunk = payload[..Math.Min(payload.Length, SshGitWire.MaxPayload)];
                var header = new byte[SshGitWire.HeaderLength];
                header[0] = (byte)kind;
                BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(1), chunk.Length);
                await stream.WriteAsync(header, ct);
                await stream.WriteAsync(chunk, ct);
                payload = payload[chunk.Length..];
            }
            while (payload.Length > 0);
            await stream.FlushAsync(ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task WriteExitAsync(int exitCode, CancellationToken ct)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(payload, exitCode);
        return WriteAsync(SshGitFrameKind.Exit, payload, ct);
    }
}
