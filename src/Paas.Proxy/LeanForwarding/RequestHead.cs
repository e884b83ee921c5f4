using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;

namespace Paas.Proxy.LeanForwarding;

/// <summary>How the request body travels to the backend.</summary>
internal enum RequestBodyFraming { None, ContentLength, Chunked }

/// <summary>
/// Writes the request head the backend receives, from what Kestrel parsed (Kestrel already refused
/// malformed heads, obs-fold and oversized headers): the client's method and target, its headers
/// minus the hop-by-hop ones, the original Host, X-Forwarded-For/Proto/Host set by us (a client's
/// own values are dropped, as YARP does), and framing of our own: Content-Length when the client
/// gave one, else chunked when it sent a body. Expect is not passed on: Kestrel answers
/// 100-continue itself when the body is first read.
/// </summary>
internal static class RequestHead
{
    public static RequestBodyFraming Write(HttpContext context, HeadBuffer head)
    {
        var request = context.Request;
        head.Clear();
        head.Append(request.Method);
        head.Append(" "u8);
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        // Origin form as the client sent it (Kestrel validated it); an absolute-form target becomes its path and query.
        head.Append(rawTarget.StartsWith('/') || (rawTarget == "*" && HttpMethods.IsOptions(request.Method)) ? rawTarget : request.GetEncodedPathAndQuery());
        head.Append(" HTTP/1.1\r\n"u8);

        var headers = request.Headers;
        var connectionTokens = headers.Connection;
        foreach (var (name, values) in headers)
        {
            if (IsNotForwarded(name) || (connectionTokens.Count > 0 && Tokens.Contain(connectionTokens, name))) continue;
            foreach (var value in values)
                if (value is not null) head.AppendHeader(name, value);
        }

        head.AppendHeader("X-Forwarded-For", context.Connection.RemoteIpAddress?.ToString() ?? "");
        head.AppendHeader("X-Forwarded-Proto", request.Scheme);
        if (request.Host.HasValue) head.AppendHeader("X-Forwarded-Host", request.Host.Value);

        RequestBodyFraming framing;
        if (request.ContentLength is { } length)
        {
            head.Append("Content-Length: "u8);
            head.Append(length);
            head.Append("\r\n"u8);
            framing = length > 0 ? RequestBodyFraming.ContentLength : RequestBodyFraming.None;
        }
        else if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            head.Append("Transfer-Encoding: chunked\r\n"u8);
            framing = RequestBodyFraming.Chunked;
        }
        else
        {
            framing = RequestBodyFraming.None;
        }
        head.Append("\r\n"u8);
        return framing;
    }

    // Hop-by-hop (RFC 9110 §7.6.1) plus what we set ourselves: framing and X-Forwarded-*.
    private static bool IsNotForwarded(string name) => name.Length switch
    {
        2 => name.Equals("TE", StringComparison.OrdinalIgnoreCase),
        6 => name.Equals("Expect", StringComparison.OrdinalIgnoreCase),
        7 => name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase) || name.Equals("Trailer", StringComparison.OrdinalIgnoreCase),
        10 => name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase),
        14 => name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase),
        15 => name.Equals("X-Forwarded-For", StringComparison.OrdinalIgnoreCase),
        16 => name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("X-Forwarded-Host", StringComparison.OrdinalIgnoreCase),
        17 => name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) || name.Equals("X-Forwarded-Proto", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
