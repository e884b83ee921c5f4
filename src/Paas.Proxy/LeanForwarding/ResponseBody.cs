using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;

namespace Paas.Proxy.LeanForwarding;

/// <summary>
/// Streams the backend's response body to the client's response as the backend framed it: a
/// Content-Length's worth (never reading past it), chunked (de-chunked here, strictly; Kestrel
/// chunks again for the client), or until the backend closes. Each piece is written as it
/// arrives (a write is a flush: streamed answers are not held back); a small body that came with
/// the backend's head leaves in one send with the client's head.
/// </summary>
internal static class ResponseBody
{
    private const int MaxChunkLine = 4 * 1024;
    private const int MaxTrailers = 64 * 1024;

    /// <summary>Copies the body; returns true when the connection ended cleanly at its end and may carry another request.</summary>
    public static async Task<bool> CopyAsync(BackendConnection backend, ResponseHead head, PipeWriter client, TimeSpan timeout)
    {
        switch (head.Framing)
        {
            case ResponseBodyFraming.None:
                return true;
            case ResponseBodyFraming.ContentLength:
                await CopyLengthAsync(backend, head.ContentLength, client, timeout);
                return true;
            case ResponseBodyFraming.Chunked:
                await CopyChunkedAsync(backend, client, timeout);
                return true;
            default:
                await CopyUntilCloseAsync(backend, client, timeout);
                return false;
        }
    }

    private static async Task CopyLengthAsync(BackendConnection backend, long remaining, PipeWriter client, TimeSpan timeout)
    {
        while (remaining > 0)
        {
            if (backend.Buffered.IsEmpty && await backend.FillAsync(timeout, max: remaining) == 0)
                throw new BackendProtocolException("the backend closed the connection before the end of its body");
            var take = (int)Math.Min(remaining, backend.Buffered.Length);
            await Write(client, backend.BufferedMemory[..take]);
            backend.Consume(take);
            remaining -= take;
        }
    }

    // Kestrel's response writer: a write is also its flush, so a body already in hand leaves with its head in one send.
    private static async ValueTask Write(PipeWriter client, ReadOnlyMemory<byte> bytes)
    {
        var flushed = await client.WriteAsync(bytes);
        if (flushed.IsCanceled) throw new OperationCanceledException("the client's response was cancelled");
    }

    private static async Task CopyChunkedAsync(BackendConnection backend, PipeWriter client, TimeSpan timeout)
    {
        while (true)
        {
            var size = await ReadChunkSizeAsync(backend, timeout);
            if (size == 0) break;
            await CopyLengthAsync(backend, size, client, timeout);
            await ExpectCrLfAsync(backend, timeout);
        }
        // Trailers are not passed on (Kestrel's response would need them declared first): skip to the empty line.
        var skipped = 0;
        while (true)
        {
            var line = await ReadLineAsync(backend, timeout, MaxChunkLine);
            skipped += line + 2;
            backend.Consume(line + 2);
            if (line == 0) return;
            if (skipped > MaxTrailers) throw new BackendProtocolException("the backend's trailers are too large");
        }
    }

    private static async Task<long> ReadChunkSizeAsync(BackendConnection backend, TimeSpan timeout)
    {
        var length = await ReadLineAsync(backend, timeout, MaxChunkLine);
        var line = backend.Buffered[..length];
        var extension = line.IndexOf((byte)';');
        var digits = (extension >= 0 ? line[..extension] : line).TrimEnd(" \t"u8);
        if (digits.IsEmpty || digits.Length > 15 || digits.IndexOfAnyExcept("0123456789abcdefABCDEF"u8) >= 0
            || !Utf8Parser.TryParse(digits, out long size, out _, 'x'))
            throw new BackendProtocolException("the backend sent an invalid chunk size");
        foreach (var b in line)
            if (b < 0x20 && b != (byte)'\t') throw new BackendProtocolException("the backend sent a control character in a chunk extension");
        backend.Consume(length + 2);
        return size;
    }

    private static async Task ExpectCrLfAsync(BackendConnection backend, TimeSpan timeout)
    {
        while (backend.Buffered.Length < 2)
            if (await backend.FillAsync(timeout, MaxChunkLine) == 0) throw new BackendProtocolException("the backend closed the connection inside a chunk");
        if (!backend.Buffered.StartsWith("\r\n"u8)) throw new BackendProtocolException("the backend's chunk does not end in CRLF");
        backend.Consume(2);
    }

    /// <summary>Waits until a CRLF-terminated line is buffered; returns its length without the CRLF.</summary>
    private static async Task<int> ReadLineAsync(BackendConnection backend, TimeSpan timeout, int limit)
    {
        while (true)
        {
            var end = backend.Buffered.IndexOf("\r\n"u8);
            if (end >= 0) return end;
            if (backend.Buffered.IndexOf((byte)'\n') >= 0) throw new BackendProtocolException("the backend sent a bare LF in its chunked framing");
            if (await backend.FillAsync(timeout, limit) == 0) throw new BackendProtocolException("the backend closed the connection inside its chunked body");
        }
    }

    private static async Task CopyUntilCloseAsync(BackendConnection backend, PipeWriter client, TimeSpan timeout)
    {
        while (true)
        {
            if (backend.Buffered.IsEmpty && await backend.FillAsync(timeout) == 0) return;
            await Write(client, backend.BufferedMemory);
            backend.Consume(backend.Buffered.Length);
        }
    }
}
