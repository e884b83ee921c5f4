namespace Paas.Proxy.ConnectionForwarding;

/// <summary>How a client's request body is framed.</summary>
internal enum RequestFraming { None, ContentLength, Chunked }

/// <summary>One parsed client request: what forwarding, the response framing and the access log need. Reused per connection.</summary>
internal sealed class ClientRequest
{
    public string Method { get; set; } = "";

    /// <summary>The request target as the client sent it (origin form).</summary>
    public string Target { get; set; } = "";

    /// <summary>The Host header as sent, port included.</summary>
    public string Host { get; set; } = "";

    /// <summary>The length of the host name in <see cref="Host"/>, without its port.</summary>
    public int HostNameLength { get; set; }

    public RequestFraming Framing { get; set; }

    public long ContentLength { get; set; }

    /// <summary>The client asked to close the connection after this answer (Connection: close).</summary>
    public bool Close { get; set; }

    /// <summary>The client's own X-Request-Id when it is sane, else null and <see cref="NewRequestId"/> is the request's.</summary>
    public string? GivenRequestId { get; set; }

    /// <summary>A fresh id (<see cref="Forwarding.RequestId"/>), kept as a Guid: the log and the backend's head write it as bytes.</summary>
    public Guid NewRequestId { get; set; }

    /// <summary>The request's id as text (allocates for a fresh one: for error pages and tests).</summary>
    public string RequestId => GivenRequestId ?? NewRequestId.ToString();

    public bool IsHead => ReferenceEquals(Method, Methods.Head);

    /// <summary>May be sent again on a new connection when a reused keep-alive fails (RFC 9110 §9.2.2), and has no body.</summary>
    public bool CanRetry => Framing == RequestFraming.None && Methods.IsIdempotent(Method);
}

/// <summary>The common methods as one string each, so parsing allocates none for them.</summary>
internal static class Methods
{
    public const string Get = "GET";
    public const string Head = "HEAD";
    private static readonly string[] Known = [Get, Head, "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE"];
    private static readonly byte[][] KnownBytes = Known.Select(System.Text.Encoding.ASCII.GetBytes).ToArray();

    public static string Of(ReadOnlySpan<byte> method)
    {
        for (var i = 0; i < KnownBytes.Length; i++)
            if (method.SequenceEqual(KnownBytes[i])) return Known[i];
        return System.Text.Encoding.ASCII.GetString(method);
    }

    public static bool IsIdempotent(string method) => method is Get or Head or "PUT" or "DELETE" or "OPTIONS" or "TRACE";
}
