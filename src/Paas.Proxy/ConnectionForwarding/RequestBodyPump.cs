using System.Buffers;
using System.IO.Pipelines;
using Paas.Proxy.LeanForwarding;

namespace Paas.Proxy.ConnectionForwarding;

/// <summary>
/// Streams a client's request body from the connection's input to the backend as it arrives,
/// never more than what the pipe holds at once: a Content-Length's worth exactly (never reading
/// into the next pipelined request), or chunked, checked strictly here (hex sizes of at most 15
/// digits, extensions without control characters, CRLF after each chunk, trailers within
/// 16 KiB) and sent on re-framed without extensions or trailers. A malformed chunk is a
/// <see cref="ClientProtocolError"/> (400 and the connection closed): the backend has then had
/// an unfinished body and its connection is dropped, so nothing is smuggled past.
/// </summary>
internal static class RequestBodyPump
{
    private const int MaxChunkLine = 4 * 1024;
    private const int MaxTrailers = 16 * 1024;
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();
    private static readonly byte[] LastChunk = "0\r\n\r\n"u8.ToArray();

    public static Task SendAsync(PipeReader client, ClientRequest request, BackendLink backend, HeadBuffer scratch, ClientSession session) =>
        request.Framing == RequestFraming.Chunked ? SendChunkedAsync(client, backend, scratch, session) : SendLengthAsync(client, request.ContentLength, backend, session);

    private static async Task SendLengthAsync(PipeReader client, long remaining, BackendLink backend, ClientSession session)
    {
        while (remaining > 0)
        {
            var result = await client.ReadAsync();
            var buffer = result.Buffer;
            if (result.IsCanceled || (buffer.IsEmpty && result.IsCompleted)) throw new ClientGoneError();
            session.Touch();
            var take = buffer.Slice(0, Math.Min(remaining, buffer.Length));
            foreach (var segment in take) await backend.SendAsync(segment);
            remaining -= take.Length;
            client.AdvanceTo(take.End);
        }
    }

    private static async Task SendChunkedAsync(PipeReader client, BackendLink backend, HeadBuffer scratch, ClientSession session)
    {
        while (true)
        {
            session.Touch();
            var size = await ReadChunkSizeAsync(client);
            if (size == 0) break;
            scratch.Clear();
            scratch.AppendHex(size);
            scratch.Append("\r\n"u8);
            await backend.SendAsync(scratch.Written);
            await SendLengthAsync(client, size, backend, session);
            await ExpectCrLfAsync(client);
            await backend.SendAsync(CrLf);
        }
        await SkipTrailersAsync(client);
        await backend.SendAsync(LastChunk);
    }

    private static async Task<int> ReadChunkSizeAsync(PipeReader client)
    {
        while (true)
        {
            var result = await client.ReadAsync();
            var buffer = result.Buffer;
            if (result.IsCanceled) throw new ClientGoneError();
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8))
            {
                var size = ParseChunkSize(line.IsSingleSegment ? line.FirstSpan : line.ToArray());
                client.AdvanceTo(reader.Position);
                return size;
            }
            if (buffer.Length > MaxChunkLine) throw new ClientProtocolError("a chunk-size line is too long");
            if (result.IsCompleted) throw new ClientGoneError();
            client.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static int ParseChunkSize(ReadOnlySpan<byte> line)
    {
        var extension = line.IndexOf((byte)';');
        var digits = extension >= 0 ? line[..extension] : line;
        if (digits.IsEmpty || digits.Length > 7 || digits.IndexOfAnyExcept("0123456789abcdefABCDEF"u8) >= 0)
            throw new ClientProtocolError("an invalid chunk size");
        foreach (var b in line)
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F) throw new ClientProtocolError("a control character in a chunk extension");
        return int.Parse(digits, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExpectCrLfAsync(PipeReader client)
    {
        while (true)
        {
            var result = await client.ReadAsync();
            var buffer = result.Buffer;
            if (result.IsCanceled) throw new ClientGoneError();
            if (buffer.Length >= 2)
            {
                Span<byte> two = stackalloc byte[2];
                buffer.Slice(0, 2).CopyTo(two);
                if (!two.SequenceEqual("\r\n"u8)) throw new ClientProtocolError("a chunk that does not end in CRLF");
                client.AdvanceTo(buffer.GetPosition(2));
                return;
            }
            if (result.IsCompleted) throw new ClientGoneError();
            client.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static async Task SkipTrailersAsync(PipeReader client)
    {
        var skipped = 0L;
        while (true)
        {
            var result = await client.ReadAsync();
            var buffer = result.Buffer;
            if (result.IsCanceled) throw new ClientGoneError();
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8))
            {
                skipped += line.Length + 2;
                if (skipped > MaxTrailers) throw new ClientProtocolError("the trailers are too large");
                var span = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
                foreach (var b in span)
                    if ((b < 0x20 && b != (byte)'\t') || b == 0x7F) throw new ClientProtocolError("a control character in a trailer");
                client.AdvanceTo(reader.Position);
                if (line.IsEmpty) return;
                continue;
            }
            if (skipped + buffer.Length > MaxTrailers) throw new ClientProtocolError("the trailers are too large");
            if (result.IsCompleted) throw new ClientGoneError();
            client.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}

/// <summary>The client broke HTTP/1.1 in its body: answered 400 and the connection closed.</summary>
internal sealed class ClientProtocolError(string message) : Exception(message);

/// <summary>The client went away (or stopped sending) before its request was whole.</summary>
internal sealed class ClientGoneError() : Exception("the client went away before its request was whole");
