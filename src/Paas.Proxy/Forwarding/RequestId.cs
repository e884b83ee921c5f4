using Microsoft.AspNetCore.Http;

namespace Paas.Proxy.Forwarding;

/// <summary>
/// X-Request-Id as Heroku's router sets it: a client's own id is kept when it is a sane token
/// (20 to 200 characters of letters, digits and <c>+ / = - _ . :</c>), so a request can be
/// followed across services; anything else is replaced by a fresh UUID. The app receives it,
/// the access log and the router's error pages show it.
/// </summary>
internal static class RequestId
{
    public const string Header = "X-Request-Id";

    /// <summary>Makes the request carry a sane id (the client's or a new one) and returns it.</summary>
    public static string Ensure(HttpContext context)
    {
        var headers = context.Request.Headers;
        var given = headers[Header];
        if (given.Count == 1 && given[0] is { } id && IsSane(id)) return id;
        var fresh = New();
        headers[Header] = fresh;
        return fresh;
    }

    // Guid.NewGuid reads 16 bytes of /dev/urandom, a system call per request. An id needs to be
    // unique, not secret: random bits once per process, then a counter.
    private static readonly ulong Start = BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private static long _next = BitConverter.ToInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    /// <summary>A fresh id in UUID form, unique within the process (and, by its random start, across processes).</summary>
    public static string New() => NewValue().ToString();

    /// <summary><see cref="New"/> before it is text: the connection forwarder writes it as bytes, with no string per request.</summary>
    public static Guid NewValue()
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes, Start);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], Interlocked.Increment(ref _next));
        return new Guid(bytes);
    }

    /// <summary>The id <see cref="Ensure"/> gave the request.</summary>
    public static string Of(HttpContext context) => context.Request.Headers[Header].ToString();

    public static bool IsSane(string id)
    {
        if (id.Length is < 20 or > 200) return false;
        foreach (var c in id)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '/' or '=' or '-' or '_' or '.' or ':')) return false;
        return true;
    }
}
