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

    /// <summary>Appends <paramref name="line"/>; false, appending nothing, when it does not fit.</summary>
    public bool TryAppend(ReadOnlySpan<byte> line)
    {
        if (line.Length > Size - Length) return false;
        line.CopyTo(_bytes.AsSpan(Length));
        Length += line.Length;
        return true;
    }
}
