using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using Paas.Proxy.LeanForwarding;
using System.Runtime.CompilerServices;

namespace Paas.Proxy.ConnectionForwarding;

/// <summary>
/// Streams a backend's response body to the client as it arrives: a Content-Length's worth
/// (never reading past it), chunked (checked strictly and passed on re-framed, without
/// extensions or trailers), or until the backend closes (sent chunked). Each piece is flushed as
/// it comes, and a flush waits while the client is slow, so memory stays at the pipe's limit.
/// Returns the body's length in bytes.
/// </summary>
internal static class ResponseBodyPump
{
    private const int MaxChunkLine = 4 * 1024;
    private const int MaxTrailers = 64 * 1024;

    /// <summary>
    /// Writes the client's head (<see cref="ClientSession.StartAnswer"/>) with the first piece of
    /// the body, so a body that is malformed from its start is still answered with our 502 page.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<long> CopyAsync(BackendLink backend, BackendResponse response, PipeWriter client, HeadBuffer scratch, ClientSession session)
    {
        switch (response.Framing)
        {
            case ResponseFraming.None:
                session.StartAnswer(client);
                await FlushAsync(client, session);
                return 0;
            case ResponseFraming.ContentLength:
                await CopyLengthAsync(backend, response.ContentLength, client, session);
                return response.ContentLength;
            case ResponseFraming.Chunked:
                return await CopyChunkedAsync(backend, client, scratch, session);
            default:
                return await CopyUntilCloseAsync(backend, client, scratch, session);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask CopyLengthAsync(BackendLink backend, long remaining, PipeWriter client, ClientSession session)
    {
        while (remaining > 0)
        {
            if (backend.Buffered.IsEmpty && await backend.FillAsync(max: remaining) == 0)
                throw new BackendProtocolError("the backend closed the connection before the end of its body");
            var take = (int)Math.Min(remaining, backend.Buffered.Length);
            session.StartAnswer(client);
            client.Write(backend.Buffered[..take]);
            backend.Consume(take);
            remaining -= take;
            await FlushAsync(client, session);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask FlushAsync(PipeWriter client, ClientSession session)
    {
        session.Touch();
        var flushed = await client.FlushAsync();
        if (flushed.IsCompleted || flushed.IsCanceled) throw new ClientGoneError();
    }

    private static async Task<long> CopyChunkedAsync(BackendLink backend, PipeWriter client, HeadBuffer scratch, ClientSession session)
    {
        long total = 0;
        while (true)
        {
            var size = await ReadChunkSizeAsync(backend);
            if (size == 0) break;
            session.StartAnswer(client);
            WriteChunkHeader(client, scratch, size);
            await CopyLengthAsync(backend, size, client, session);
            await ExpectCrLfAsync(backend);
            client.Write("\r\n"u8);
            total += size;
        }
        // Trailers are not passed on: skip to the empty line.
        var skipped = 0;
        while (true)
        {
            var line = await ReadLineAsync(backend);
            skipped += line + 2;
            backend.Consume(line + 2);
            if (line == 0) break;
            if (skipped > MaxTrailers) throw new BackendProtocolError("the backend's trailers are too large");
        }
        session.StartAnswer(client);
        client.Write("0\r\n\r\n"u8);
        await FlushAsync(client, session);
        return total;
    }

    private static void WriteChunkHeader(PipeWriter client, HeadBuffer scratch, long size)
    {
        scratch.Clear();
        scratch.AppendHex(checked((int)size));
        scratch.Append("\r\n"u8);
        client.Write(scratch.Written.Span);
    }

    private static async Task<long> ReadChunkSizeAsync(BackendLink backend)
    {
        var length = await ReadLineAsync(backend);
        var line = backend.Buffered[..length];
        var extension = line.IndexOf((byte)';');
        var digits = (extension >= 0 ? line[..extension] : line).TrimEnd(" \t"u8);
        if (digits.IsEmpty || digits.Length > 7 || digits.IndexOfAnyExcept("0123456789abcdefABCDEF"u8) >= 0
            || !Utf8Parser.TryParse(digits, out int size, out _, 'x'))
            throw new BackendProtocolError("the backend sent an invalid chunk size");
        foreach (var b in line)
            if (b < 0x20 && b != (byte)'\t') throw new BackendProtocolError("the backend sent a control character in a chunk extension");
        backend.Consume(length + 2);
        return size;
    }

    private static async Task ExpectCrLfAsync(BackendLink backend)
    {
        while (backend.Buffered.Length < 2)
            if (await backend.FillAsync(MaxChunkLine) == 0) throw new BackendProtocolError("the backend closed the connection inside a chunk");
        if (!backend.Buffered.StartsWith("\r\n"u8)) throw new BackendProtocolError("the backend's chunk does not end in CRLF");
        backend.Consume(2);
    }

    /// <summary>Waits until a CRLF-terminated line is buffered; returns its length without the CRLF.</summary>
    private static async Task<int> ReadLineAsync(BackendLink backend)
    {
        while (true)
        {
            var end = backend.Buffered.IndexOf("\r\n"u8);
            if (end >= 0) return end;
            if (backend.Buffered.IndexOf((byte)'\n') >= 0) throw new BackendProtocolError("the backend sent a bare LF in its chunked framing");
            if (await backend.FillAsync(MaxChunkLine) == 0) throw new BackendProtocolError("the backend closed the connection inside its chunked body");
        }
    }

    private static async Task<long> CopyUntilCloseAsync(BackendLink backend, PipeWriter client, HeadBuffer scratch, ClientSession session)
    {
        long total = 0;
        while (true)
        {
            if (backend.Buffered.IsEmpty && await backend.FillAsync() == 0) break;
            var piece = backend.Buffered;
            session.StartAnswer(client);
            WriteChunkHeader(client, scratch, piece.Length);
            client.Write(piece);
            client.Write("\r\n"u8);
            total += piece.Length;
            backend.Consume(piece.Length);
            await FlushAsync(client, session);
        }
        session.StartAnswer(client);
        client.Write("0\r\n\r\n"u8);
        await FlushAsync(client, session);
        return total;
    }
}
