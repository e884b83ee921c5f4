using System.Buffers.Text;
using System.Text;

namespace Paas.Proxy.LeanForwarding;

/// <summary>How the backend frames its response body.</summary>
internal enum ResponseBodyFraming { None, ContentLength, Chunked, UntilClose }

/// <summary>
/// A backend's response head, parsed strictly (RFC 9112): a status line <c>HTTP/1.x NNN reason</c>,
/// header lines <c>token: value</c> ending in CRLF, no obs-fold, no whitespace before the colon, no
/// control characters in values. Content-Length and Transfer-Encoding together, differing
/// Content-Lengths and any transfer coding other than <c>chunked</c> are refused: a response the
/// router could frame differently from the client is never passed on.
/// </summary>
internal sealed class ResponseHead
{
    public int Status { get; private set; }

    public ResponseBodyFraming Framing { get; private set; }

    public long ContentLength { get; private set; }

    /// <summary>The backend will close (Connection: close, or HTTP/1.0 without keep-alive).</summary>
    public bool Closes { get; private set; }

    /// <summary>End-to-end headers to pass to the client, in order.</summary>
    public List<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>
    /// Parses the head at the start of <paramref name="buffer"/>; returns its length in bytes, or
    /// 0 when the head is not complete yet. Throws <see cref="BackendProtocolException"/> when it is malformed.
    /// </summary>
    public int TryParse(ReadOnlySpan<byte> buffer, bool requestWasHead)
    {
        var end = buffer.IndexOf("\r\n\r\n"u8);
        if (end < 0) return 0;
        Headers.Clear();
        var head = buffer[..(end + 2)];
        var lineEnd = head.IndexOf("\r\n"u8);
        ParseStatusLine(head[..lineEnd], out var minorVersion);
        head = head[(lineEnd + 2)..];

        long? contentLength = null;
        var chunked = false;
        bool closeToken = false, keepAliveToken = false;
        List<string>? connectionTokens = null;
        while (!head.IsEmpty)
        {
            lineEnd = head.IndexOf("\r\n"u8);
            var line = head[..lineEnd];
            head = head[(lineEnd + 2)..];
            if (line[0] is (byte)' ' or (byte)'\t') throw new BackendProtocolException("the backend folded a header line (obs-fold)");
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon])) throw new BackendProtocolException("the backend sent a malformed header line");
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (HasControl(value))
                throw new BackendProtocolException("the backend sent a control character in a header value");
            var name = HeaderNames.Get(line[..colon]);
            var text = name == "Content-Length" ? "" : Encoding.Latin1.GetString(value);
            switch (name)
            {
                case "Content-Length":
                    foreach (var range in value.Split((byte)','))
                    {
                        var part = value[range].Trim(" \t"u8);
                        if (part.IsEmpty || !Utf8Parser.TryParse(part, out long parsed, out var used) || used != part.Length || parsed < 0 || part[0] is (byte)'+' or (byte)'-')
                            throw new BackendProtocolException($"the backend sent an invalid Content-Length '{Encoding.Latin1.GetString(value)}'");
                        if (contentLength is { } earlier && earlier != parsed) throw new BackendProtocolException("the backend sent two different Content-Lengths");
                        contentLength = parsed;
                    }
                    continue;
                case "Transfer-Encoding":
                    if (chunked || !text.Equals("chunked", StringComparison.OrdinalIgnoreCase))
                        throw new BackendProtocolException($"the backend sent Transfer-Encoding '{text}' (only chunked is passed on)");
                    chunked = true;
                    continue;
                case "Connection":
                    foreach (var token in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (token.Equals("close", StringComparison.OrdinalIgnoreCase)) closeToken = true;
                        else if (token.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)) keepAliveToken = true;
                        else (connectionTokens ??= []).Add(token);
                    }
                    continue;
                case "Keep-Alive" or "Proxy-Connection" or "Upgrade" or "Trailer" or "TE":
                    continue;
            }
            Headers.Add(new(name, text));
        }
        if (chunked && contentLength is not null) throw new BackendProtocolException("the backend sent both Content-Length and Transfer-Encoding");
        if (connectionTokens is not null) Headers.RemoveAll(h => connectionTokens.Contains(h.Key, StringComparer.OrdinalIgnoreCase));

        // HTTP/1.0 closes unless it says keep-alive.
        Closes = closeToken || (minorVersion == 0 && !keepAliveToken);
        ContentLength = 0;
        if (requestWasHead || Status is 204 or 304 || Status < 200) Framing = ResponseBodyFraming.None;
        else if (chunked) Framing = ResponseBodyFraming.Chunked;
        else if (contentLength is { } length) (Framing, ContentLength) = length == 0 ? (ResponseBodyFraming.None, 0) : (ResponseBodyFraming.ContentLength, length);
        else Framing = ResponseBodyFraming.UntilClose;
        // A HEAD or 304 answer may state the length of what a GET would have had: the client sees it too.
        if (Framing == ResponseBodyFraming.None && contentLength is { } stated && Status is not (204 or 304) && Status >= 200) ContentLength = stated;
        return end + 4;
    }

    private void ParseStatusLine(ReadOnlySpan<byte> line, out int minorVersion)
    {
        // "HTTP/1.1 200" then optionally " reason".
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[7] is not ((byte)'0' or (byte)'1') || line[8] != (byte)' '
            || !char.IsAsciiDigit((char)line[9]) || !char.IsAsciiDigit((char)line[10]) || !char.IsAsciiDigit((char)line[11])
            || (line.Length > 12 && line[12] != (byte)' ') || HasControl(line))
            throw new BackendProtocolException("the backend sent an invalid status line");
        minorVersion = line[7] - '0';
        Status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        if (Status < 100) throw new BackendProtocolException("the backend sent an invalid status code");
    }

    private static bool HasControl(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F) return true;
        return false;
    }

    private static bool IsToken(ReadOnlySpan<byte> name)
    {
        foreach (var b in name)
            if (!(char.IsAsciiLetterOrDigit((char)b) || "!#$%&'*+-.^_`|~".Contains((char)b))) return false;
        return true;
    }
}
