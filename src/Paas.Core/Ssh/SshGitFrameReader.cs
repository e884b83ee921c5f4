using System.Buffers.Binary;

namespace Paas.Core.Ssh;

/// <summary>Reads <see cref="SshGitWire"/> frames; one reader per connection.</summary>
public sealed class SshGitFrameReader(Stream stream)
{
    private readonly byte[] _header = new byte[SshGitWire.HeaderLength];

    /// <summary>
    /// The next frame, its payload in a buffer of its own; null when the connection ended cleanly between frames.
    /// Throws <see cref="InvalidDataException"/> on a malformed frame or a connection cut inside one.
    /// </summary>
    public async Task<(SshGitFrameKind Kind, byte[] Payload)?> ReadAsync(CancellationToken ct)
    {
        var first = await stream.ReadAsync(_header.AsMemory(0, 1), ct);
        if (first == 0) return null;
        await ReadExactlyAsync(_header.AsMemory(1), ct);
        var kind = (SshGitFrameKind)_header[0];
        var length = BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(1));
        if (!Enum.IsDefined(kind) || length is < 0 or > SshGitWire.MaxPayload)
            throw new InvalidDataException($"malformed ssh-git frame (kind {_header[0]}, length {length})");
        var payload = new byte[length];
        await ReadExactlyAsync(payload, ct);
        return (kind, payload);
    }

    private async Task ReadExactlyAsync(Memory<byte> buffer, CancellationToken ct)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, ct);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("the ssh-git connection ended inside a frame");
        }
    }
}
