using System.Text;

namespace Paas.Proxy.ConnectionForwarding;

/// <summary>
/// The Date header line for answers whose backend sent none (Kestrel adds one to every answer, and
/// so does nginx): formatted once a second, not per request.
/// </summary>
internal static class HttpDate
{
    private static byte[] _line = [];
    private static long _second = -1;

    /// <summary>"Date: Thu, 03 Dec 2026 07:00:00 GMT\r\n".</summary>
    public static ReadOnlySpan<byte> Line
    {
        get
        {
            var now = DateTimeOffset.UtcNow;
            var second = now.ToUnixTimeSeconds();
            if (second != Volatile.Read(ref _second))
            {
                Volatile.Write(ref _line, Encoding.ASCII.GetBytes($"Date: {now.ToString("r", System.Globalization.CultureInfo.InvariantCulture)}\r\n"));
                Volatile.Write(ref _second, second);
            }
            return Volatile.Read(ref _line);
        }
    }
}
