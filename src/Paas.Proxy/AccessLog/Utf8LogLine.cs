using System.Globalization;
using System.Text;

namespace Paas.Proxy.AccessLog;

/// <summary>
/// One access log line as it is built: UTF-8 bytes in a buffer reused from line to line. Numbers,
/// times and addresses are formatted straight into it (IUtf8SpanFormattable), so a line costs no
/// string and no allocation.
/// </summary>
internal sealed class Utf8LogLine
{
    private byte[] _bytes = new byte[1024];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public Utf8LogLine Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
        return this;
    }

    public Utf8LogLine Append(ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        Length += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(Length));
        return this;
    }

    public Utf8LogLine Append(byte ascii)
    {
        Ensure(1);
        _bytes[Length++] = ascii;
        return this;
    }

    /// <summary>A number, time or address in the invariant culture, with <paramref name="format"/>.</summary>
    public Utf8LogLine Append<T>(T value, string? format = null) where T : IUtf8SpanFormattable
    {
        while (true)
        {
            if (value.TryFormat(_bytes.AsSpan(Length), out var written, format, CultureInfo.InvariantCulture))
            {
                Length += written;
                return this;
            }
            Ensure(_bytes.Length - Length + 64);
        }
    }

    /// <summary>The line as text (for tests and the rare line too long for a batch buffer).</summary>
    public override string ToString() => Encoding.UTF8.GetString(Written);

    private void Ensure(int count)
    {
        if (Length + count > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));
    }
}
