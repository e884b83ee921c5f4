using System.Text;

namespace Paas.Proxy.LeanForwarding;

/// <summary>
/// Header names as strings without allocating for the common ones: a backend's response head is
/// mostly the same dozen names, matched here case-insensitively to one canonical string each.
/// </summary>
internal static class HeaderNames
{
    private static readonly string[] Known =
    [
        "Accept-Ranges", "Age", "Cache-Control", "Connection", "Content-Disposition", "Content-Encoding",
        "Content-Language", "Content-Length", "Content-Location", "Content-Range", "Content-Security-Policy",
        "Content-Type", "Date", "ETag", "Expires", "Keep-Alive", "Last-Modified", "Link", "Location",
        "Proxy-Connection", "Referrer-Policy", "Retry-After", "Server", "Set-Cookie", "Strict-Transport-Security",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Vary", "Via", "WWW-Authenticate", "X-Content-Type-Options",
        "X-Frame-Options", "X-Powered-By", "X-Request-Id", "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
    ];

    private static readonly byte[][] KnownBytes = Known.Select(Encoding.ASCII.GetBytes).ToArray();

    public static string Get(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < KnownBytes.Length; i++)
        {
            var known = KnownBytes[i];
            if (known.Length == name.Length && Ascii.EqualsIgnoreCase(known, name)) return Known[i];
        }
        return Encoding.Latin1.GetString(name);
    }
}
