using System.Buffers.Text;
using System.Text;
using Paas.Proxy.LeanForwarding;

namespace Paas.Proxy.ConnectionForwarding;

/// <summary>How the backend frames its response body.</summary>
internal enum ResponseFraming { None, ContentLength, Chunked, UntilClose }

/// <summary>
/// A backend's response head, checked as strictly as the lean forwarder's
/// (<see cref="ResponseHead"/>: status line <c>HTTP/1.x NNN reason</c>, token names, no obs-fold,
/// no control characters, never Content-Length and Transfer-Encoding together, no two different
/// Content-Lengths, no coding but chunked) and written for the client as it came, minus the
/// hop-by-hop headers and with framing of our own: its Content-Length, or chunked (also for a
/// body that ends with the connection, so the client can tell a cut answer from a whole one).
/// Reused per connection.
/// </summary>
internal sealed class BackendResponse
{
    private readonly List<Range> _connectionTokens = [];

    public int Status { get; private set; }

    public ResponseFraming Framing { get; private set; }

    public long ContentLength { get; private set; }

    /// <summary>The backend will close the connection (Connection: close, or HTTP/1.0 without keep-alive).</summary>
    public bool Closes { get; private set; }

    /// <summary>
    /// Parses the head at the start of <paramref name="buffer"/> and writes the client's head into
    /// <paramref name="clientHead"/>; returns the head's length, or 0 when it is not complete yet.
    /// </summary>
    public int TryParse(ReadOnlySpan<byte> buffer, bool requestWasHead, bool closeClient, HeadBuffer clientHead)
    {
        var end = buffer.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            if (buffer.IndexOf((byte)'\n') is var lf and >= 0 && (lf == 0 || buffer[lf - 1] != (byte)'\r'))
                throw new BackendProtocolError("the backend ended a line of its response head with a bare LF");
            return 0;
        }
        var head = buffer[..(end + 2)];
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = head[..lineEnd];
        var minorVersion = ParseStatusLine(statusLine);
        var headers = head[(lineEnd + 2)..];

        // First pass: check every line and find the framing and the Connection tokens.
        long contentLength = -1;
        bool chunked = false, closeToken = false, keepAliveToken = false;
        _connectionTokens.Clear();
        var rest = headers;
        while (!rest.IsEmpty)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            var line = rest[..lineEnd];
            var lineStart = headers.Length - rest.Length;
            rest = rest[(lineEnd + 2)..];
            if (line.IsEmpty || line[0] is (byte)' ' or (byte)'\t') throw new BackendProtocolError("the backend folded a header line (obs-fold)");
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[..colon].IndexOfAnyExcept(TokenBytes) >= 0) throw new BackendProtocolError("the backend sent a malformed header line");
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (HasControl(value)) throw new BackendProtocolError("the backend sent a control character in a header value");
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                foreach (var range in value.Split((byte)','))
                {
                    var part = value[range].Trim(" \t"u8);
                    if (part.IsEmpty || part.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0 || part.Length > 18 || !Utf8Parser.TryParse(part, out long parsed, out _))
                        throw new BackendProtocolError("the backend sent an invalid Content-Length");
                    if (contentLength >= 0 && contentLength != parsed) throw new BackendProtocolError("the backend sent two different Content-Lengths");
                    contentLength = parsed;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                if (chunked || !Ascii.EqualsIgnoreCase(value, "chunked"u8))
                    throw new BackendProtocolError("the backend sent a Transfer-Encoding other than chunked");
                chunked = true;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                var valueStart = lineStart + (line.Length - line[(colon + 1)..].TrimStart(" \t"u8).Length);
                foreach (var range in value.Split((byte)','))
                {
                    var token = value[range].Trim(" \t"u8);
                    if (Ascii.EqualsIgnoreCase(token, "close"u8)) closeToken = true;
                    else if (Ascii.EqualsIgnoreCase(token, "keep-alive"u8)) keepAliveToken = true;
                    else if (!token.IsEmpty)
                    {
                        var offset = valueStart + range.Start.GetOffset(value.Length) + (value[range].Length - value[range].TrimStart(" \t"u8).Length);
                        _connectionTokens.Add(new Range(offset, offset + token.Length));
                    }
                }
            }
        }
        if (chunked && contentLength >= 0) throw new BackendProtocolError("the backend sent both Content-Length and Transfer-Encoding");

        Closes = closeToken || (minorVersion == 0 && !keepAliveToken);
        var noBody = requestWasHead || Status is 204 or 304 || Status < 200;
        ContentLength = 0;
        if (noBody) Framing = ResponseFraming.None;
        else if (chunked) Framing = ResponseFraming.Chunked;
        else if (contentLength >= 0) (Framing, ContentLength) = contentLength == 0 ? (ResponseFraming.None, 0) : (ResponseFraming.ContentLength, contentLength);
        else Framing = ResponseFraming.UntilClose;
        if (Status < 200) return end + 4; // interim: not passed on

        // Second pass: the client's head.
        clientHead.Clear();
        clientHead.Append("HTTP/1.1"u8);
        clientHead.Append(statusLine[8..]);
        clientHead.Append("\r\n"u8);
        rest = headers;
        var dated = false;
        while (!rest.IsEmpty)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            var line = rest[..lineEnd];
            var whole = rest[..(lineEnd + 2)];
            rest = rest[(lineEnd + 2)..];
            var name = line[..line.IndexOf((byte)':')];
            if (IsHopByHop(name) || IsConnectionToken(headers, name)) continue;
            dated |= name.Length == 4 && Ascii.EqualsIgnoreCase(name, "Date"u8);
            clientHead.Append(whole);
        }
        if (!dated) clientHead.Append(HttpDate.Line);
        if (Status is 204 or 304)
        {
        }
        else if (requestWasHead)
        {
            // A HEAD answer states what a GET would have had.
            if (contentLength >= 0) AppendLength(clientHead, contentLength);
            else if (chunked) clientHead.Append("Transfer-Encoding: chunked\r\n"u8);
        }
        else if (Framing is ResponseFraming.Chunked or ResponseFraming.UntilClose)
        {
            clientHead.Append("Transfer-Encoding: chunked\r\n"u8);
        }
        else
        {
            AppendLength(clientHead, ContentLength);
        }
        if (closeClient) clientHead.Append("Connection: close\r\n"u8);
        clientHead.Append("\r\n"u8);
        return end + 4;
    }

    private static void AppendLength(HeadBuffer head, long length)
    {
        head.Append("Content-Length: "u8);
        head.Append(length);
        head.Append("\r\n"u8);
    }

    private bool IsConnectionToken(ReadOnlySpan<byte> headers, ReadOnlySpan<byte> name)
    {
        foreach (var token in _connectionTokens)
            if (Ascii.EqualsIgnoreCase(headers[token], name)) return true;
        return false;
    }

    private static bool IsHopByHop(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 => Ascii.EqualsIgnoreCase(name, "TE"u8),
        7 => Ascii.EqualsIgnoreCase(name, "Upgrade"u8) || Ascii.EqualsIgnoreCase(name, "Trailer"u8),
        10 => Ascii.EqualsIgnoreCase(name, "Connection"u8) || Ascii.EqualsIgnoreCase(name, "Keep-Alive"u8),
        14 => Ascii.EqualsIgnoreCase(name, "Content-Length"u8),
        16 => Ascii.EqualsIgnoreCase(name, "Proxy-Connection"u8),
        17 => Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8),
        _ => false,
    };

    private int ParseStatusLine(ReadOnlySpan<byte> line)
    {
        // "HTTP/1.1 200" then optionally " reason".
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[7] is not ((byte)'0' or (byte)'1') || line[8] != (byte)' '
            || !char.IsAsciiDigit((char)line[9]) || !char.IsAsciiDigit((char)line[10]) || !char.IsAsciiDigit((char)line[11])
            || (line.Length > 12 && line[12] != (byte)' ') || HasControl(line))
            throw new BackendProtocolError("the backend sent an invalid status line");
        Status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        if (Status < 100) throw new BackendProtocolError("the backend sent an invalid status code");
        return line[7] - '0';
    }

    private static bool HasControl(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F) return true;
        return false;
    }

    private static readonly System.Buffers.SearchValues<byte> TokenBytes =
        System.Buffers.SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);
}
