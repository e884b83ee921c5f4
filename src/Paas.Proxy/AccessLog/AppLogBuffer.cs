using System.Text;

namespace Paas.Proxy.AccessLog;

/// <summary>
/// One app's formatted lines waiting for their write: a 64 KiB UTF-8 buffer, reused from batch to
/// batch, so a flush allocates nothing however many lines it carries.
/// </summary>
internal sealed class AppLogBuffer
{
    public const int Size = 64 * 1024;

    private readonly byte[] _bytes = new byte[Size];

    /// <summary>The app's name as its latest entry gave it (an app may be renamed).</summary>
    public string App { get; set; } = "";

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Appends <paramref name="line"/> as UTF-8; false, appending nothing, when it does not fit.</summary>
    public bool TryAppend(StringBuilder line)
    {
        var start = Length;
        foreach (var chunk in line.GetChunks())
        {
            // Lines are ASCII (both forwarders refuse other bytes in the host and the target), so a
            // chunk boundary never falls inside a surrogate pair.
            if (!Encoding.UTF8.TryGetBytes(chunk.Span, _bytes.AsSpan(Length), out var written))
            {
                Length = start;
                return false;
            }
            Length += written;
        }
        return true;
    }
}
