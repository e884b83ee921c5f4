using System.Diagnostics;

namespace Paas.Proxy.Tcp;

/// <summary>
/// What one relayed connection carried so far, written by its two pumps and read by its idle
/// watch and, at the end, the access log.
/// </summary>
internal sealed class TcpTraffic
{
    private long _bytesIn;
    private long _bytesOut;
    private long _lastActivity = Stopwatch.GetTimestamp();

    /// <summary>Bytes from the client to the app.</summary>
    public long BytesIn => Interlocked.Read(ref _bytesIn);

    /// <summary>Bytes from the app to the client.</summary>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>How long neither side has sent anything.</summary>
    public TimeSpan Quiet => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    public void Carried(bool toApp, int bytes)
    {
        Interlocked.Add(ref toApp ? ref _bytesIn : ref _bytesOut, bytes);
        Interlocked.Exchange(ref _lastActivity, Stopwatch.GetTimestamp());
    }
}
