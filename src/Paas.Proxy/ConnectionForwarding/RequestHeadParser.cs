using System.Buffers.Text;
using System.Text;
using Paas.Proxy.LeanForwarding;

namespace Paas.Proxy.ConnectionForwarding;

/// <summary>
/// Reads a client's request head and writes the head the backend receives, in one pass. It takes
/// only the plain, unambiguous HTTP/1.1 requests that make up nearly all traffic: a token method
/// (not CONNECT), an origin-form target of URI characters, HTTP/1.1, one Host, header lines of
/// visible ASCII, at most one Content-Length of digits or one <c>Transfer-Encoding: chunked</c>
/// (never both), and no Upgrade, Expect or Connection tokens besides close/keep-alive. For
/// anything else — smuggling attempts (CL+TE, repeated Content-Length, obs-fold, bare CR or LF),
/// HTTP/1.0, upgrades, 100-continue, odd bytes — it returns false and the connection goes to
/// Kestrel, whose parser and YARP answer it exactly as the yarp mode does (400, 431, 101...).
/// <para>
/// The backend's head is the client's request line and header lines byte for byte, minus the
/// hop-by-hop headers (RFC 9110 §7.6.1), the framing headers and the client's own
/// X-Forwarded-For/Proto/Host/Prefix; then X-Forwarded-For/Proto/Host and X-Request-Id as the
/// YARP path sets them, and the framing.
/// </para>
/// </summary>
internal sealed class RequestHeadParser(string clientAddress)
{
    // Kestrel's own limits are 8 KiB per request line, 32 KiB of headers and 100 header lines: a
    // head beyond these is Kestrel's to refuse (431), so nothing passes here that it would refuse.
    public const int MaxHeadSize = 16 * 1024;
    private const int MaxHeaderLines = 100;
    private const int MaxRequestLine = 8 * 1024;

    private readonly byte[] _forwardedFor = Encoding.ASCII.GetBytes(clientAddress);
    private byte[] _lastHost = [];
    private string _lastHostText = "";
    private byte[] _lastTarget = [];
    private int _lastTargetLength;
    private string _lastTargetText = "";

    /// <summary>
    /// Parses <paramref name="head"/> (the request line and header lines, each ending in CRLF,
    /// without the empty line) into <paramref name="request"/> and writes the backend's head into
    /// <paramref name="backendHead"/>; false when the request is Kestrel's to handle.
    /// </summary>
    public bool TryParse(ReadOnlySpan<byte> head, ClientRequest request, HeadBuffer backendHead)
    {
        backendHead.Clear();
        var lineEnd = head.IndexOf("\r\n"u8);
        if (lineEnd <= 0 || lineEnd > MaxRequestLine || !TryParseRequestLine(head[..lineEnd], request)) return false;
        backendHead.Append(head[..(lineEnd + 2)]);
        head = head[(lineEnd + 2)..];

        var hosts = 0;
        ReadOnlySpan<byte> host = default, requestId = default;
        var requestIds = 0;
        long contentLength = -1;
        var chunked = false;
        var close = false;
        var lines = 0;
        while (!head.IsEmpty)
        {
            if (++lines > MaxHeaderLines) return false;
            lineEnd = head.IndexOf("\r\n"u8);
            var line = head[..lineEnd];
            var whole = head[..(lineEnd + 2)];
            head = head[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            // No name, whitespace before the colon or a folded line (it starts with whitespace): Kestrel's.
            if (colon <= 0 || !IsToken(line[..colon])) return false;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (!IsFieldValue(value)) return false;
            switch (name.Length)
            {
                case 2 when Ascii.EqualsIgnoreCase(name, "TE"u8):
                    continue;
                case 4 when Ascii.EqualsIgnoreCase(name, "Host"u8):
                    hosts++;
                    host = value;
                    break;
                case 6 when Ascii.EqualsIgnoreCase(name, "Expect"u8):
                    return false; // 100-continue: Kestrel answers the interim response
                case 7 when Ascii.EqualsIgnoreCase(name, "Upgrade"u8):
                    return false; // WebSockets and other upgrades go through YARP
                case 7 when Ascii.EqualsIgnoreCase(name, "Trailer"u8):
                    continue;
                case 10 when Ascii.EqualsIgnoreCase(name, "Connection"u8):
                    foreach (var range in value.Split((byte)','))
                    {
                        var token = value[range].Trim(" \t"u8);
                        if (Ascii.EqualsIgnoreCase(token, "close"u8)) close = true;
                        else if (!token.IsEmpty && !Ascii.EqualsIgnoreCase(token, "keep-alive"u8)) return false;
                    }
                    continue;
                case 10 when Ascii.EqualsIgnoreCase(name, "Keep-Alive"u8):
                    continue;
                case 12 when Ascii.EqualsIgnoreCase(name, "X-Request-Id"u8):
                    requestIds++;
                    requestId = value;
                    continue;
                case 14 when Ascii.EqualsIgnoreCase(name, "Content-Length"u8):
                    if (contentLength >= 0 || value.IsEmpty || value.Length > 18 || value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0
                        || !Utf8Parser.TryParse(value, out contentLength, out _))
                        return false;
                    continue;
                case 15 when Ascii.EqualsIgnoreCase(name, "X-Forwarded-For"u8):
                    continue;
                case 16 when Ascii.EqualsIgnoreCase(name, "X-Forwarded-Host"u8) || Ascii.EqualsIgnoreCase(name, "Proxy-Connection"u8):
                    continue;
                case 17 when Ascii.EqualsIgnoreCase(name, "X-Forwarded-Proto"u8):
                    continue;
                case 17 when Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8):
                    if (chunked || !Ascii.EqualsIgnoreCase(value, "chunked"u8)) return false;
                    chunked = true;
                    continue;
                case 18 when Ascii.EqualsIgnoreCase(name, "X-Forwarded-Prefix"u8):
                    continue;
            }
            backendHead.Append(whole);
        }
        if (hosts != 1 || (chunked && contentLength >= 0) || !TryReadHost(host, request)) return false;

        request.Close = close;
        request.GivenRequestId = requestIds == 1 && Encoding.ASCII.GetString(requestId) is var given && Forwarding.RequestId.IsSane(given) ? given : null;
        if (request.GivenRequestId is null) request.NewRequestId = Forwarding.RequestId.NewValue();
        backendHead.Append("X-Forwarded-For: "u8);
        backendHead.Append(_forwardedFor);
        backendHead.Append("\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Host: "u8);
        backendHead.Append(host);
        backendHead.Append("\r\nX-Request-Id: "u8);
        if (request.GivenRequestId is { } givenId) backendHead.Append(givenId);
        else backendHead.Append(request.NewRequestId);
        backendHead.Append("\r\n"u8);
        if (chunked)
        {
            request.Framing = RequestFraming.Chunked;
            request.ContentLength = 0;
            backendHead.Append("Transfer-Encoding: chunked\r\n"u8);
        }
        else if (contentLength >= 0)
        {
            request.Framing = contentLength > 0 ? RequestFraming.ContentLength : RequestFraming.None;
            request.ContentLength = contentLength;
            backendHead.Append("Content-Length: "u8);
            backendHead.Append(contentLength);
            backendHead.Append("\r\n"u8);
        }
        else
        {
            request.Framing = RequestFraming.None;
            request.ContentLength = 0;
        }
        backendHead.Append("\r\n"u8);
        return true;
    }

    private bool TryParseRequestLine(ReadOnlySpan<byte> line, ClientRequest request)
    {
        var space = line.IndexOf((byte)' ');
        if (space <= 0 || !IsToken(line[..space])) return false;
        var method = line[..space];
        if (method.SequenceEqual("CONNECT"u8)) return false;
        var rest = line[(space + 1)..];
        space = rest.IndexOf((byte)' ');
        if (space <= 0 || rest[0] != (byte)'/' || !rest[(space + 1)..].SequenceEqual("HTTP/1.1"u8)) return false;
        var target = rest[..space];
        if (target.IndexOfAnyExcept(TargetBytes) >= 0) return false;
        request.Method = Methods.Of(method);
        // A connection often asks for the same target again (polling, health checks, a load
        // test): its string is kept, as the host's is.
        if (!target.SequenceEqual(_lastTarget.AsSpan(0, _lastTargetLength)))
        {
            if (target.Length > _lastTarget.Length) _lastTarget = new byte[Math.Max(target.Length, 256)];
            target.CopyTo(_lastTarget);
            _lastTargetLength = target.Length;
            _lastTargetText = Encoding.ASCII.GetString(target);
        }
        request.Target = _lastTargetText;
        return true;
    }

    private bool TryReadHost(ReadOnlySpan<byte> host, ClientRequest request)
    {
        if (host.IsEmpty || host.IndexOfAnyExcept(HostBytes) >= 0) return false;
        var nameLength = host.Length;
        if (host[0] == (byte)'[')
        {
            var close = host.IndexOf((byte)']');
            if (close < 0) return false;
            nameLength = close + 1;
            if (nameLength < host.Length && host[nameLength] != (byte)':') return false;
        }
        else if (host.IndexOf((byte)':') is var colon and >= 0)
        {
            nameLength = colon;
        }
        if (nameLength == 0) return false;
        if (!host.SequenceEqual(_lastHost))
        {
            _lastHost = host.ToArray();
            _lastHostText = Encoding.ASCII.GetString(host);
        }
        request.Host = _lastHostText;
        request.HostNameLength = nameLength;
        return true;
    }

    private static bool IsToken(ReadOnlySpan<byte> name) => name.IndexOfAnyExcept(TokenBytes) < 0;

    // Visible ASCII, space and tab; obs-text (bytes above 0x7E) is Kestrel's to judge.
    private static bool IsFieldValue(ReadOnlySpan<byte> value) => value.IndexOfAnyExcept(FieldBytes) < 0;

    private static readonly System.Buffers.SearchValues<byte> TokenBytes =
        System.Buffers.SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // RFC 3986 pchar, '/', '?' and '%': what Kestrel takes in an origin-form target.
    private static readonly System.Buffers.SearchValues<byte> TargetBytes =
        System.Buffers.SearchValues.Create("!$%&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~"u8);

    private static readonly System.Buffers.SearchValues<byte> HostBytes =
        System.Buffers.SearchValues.Create("-.0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZ[]_abcdefghijklmnopqrstuvwxyz"u8);

    private static readonly System.Buffers.SearchValues<byte> FieldBytes = System.Buffers.SearchValues.Create(
        Enumerable.Range(0x20, 0x7F - 0x20).Select(b => (byte)b).Append((byte)'\t').ToArray());
}
