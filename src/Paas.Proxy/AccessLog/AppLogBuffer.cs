namespace Paas.Proxy.AccessLog;

/// <summary>
/// One app's formatted lines waiting for their write: UTF-8 bytes in a buffer reused from batch to
/// batch, so a flush allocates nothing however many lines it carries. It starts small and doubles
/// up to <see cref="MaxSize"/> (64 KiB, nginx's <c>buffer=64k</c>), so an app with little traffic
/// keeps a small one on a host with many apps.
/// </summary>
internal sealed class AppLogBuffer
{
    public const int MaxSize = 64 * 1024;
    private const int InitialSize = 4 * 1024;

    private byte[] _bytes = new byte[InitialSize];

    /// <summary>The app's name as its latest entry gave it (an app may be renamed).</summary>
    public string App { get; set; } = "";

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Appends <paramref name="line"/>; false, appending nothing, when the buffer is full (at its largest).</summary>
    public bool TryAppend(ReadOnlySpan<byte> line)
    {
        if (line.Length > _bytes.Length - Length)
        {
            if (Length + line.Length > MaxSize) return false;
            var size = _bytes.Length;
            while (size < Length + line.Length) size *= 2;
            Array.Resize(ref _bytes, Math.Min(size, MaxSize));
        }
        line.CopyTo(_bytes.AsSpan(Length));
        Length += line.Length;
        return true;
    }
}
