using System.Text;

namespace Paas.Proxy.LeanForwarding;

/// <summary>A growable byte buffer a request head is written into as Latin-1 text, kept with its connection and reused.</summary>
internal sealed class HeadBuffer
{
    private byte[] _bytes = new byte[4 * 1024];

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, Length);

    public void Clear() => Length = 0;

    public void Append(string text)
    {
        // Kestrel refuses request headers outside ASCII by default, so one byte per char holds.
        Ensure(text.Length);
        Length += Encoding.Latin1.GetBytes(text, _bytes.AsSpan(Length));
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Append(long number)
    {
        Ensure(20);
        number.TryFormat(_bytes.AsSpan(Length), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        Length += written;
    }

    /// <summary>A Guid in its "D" form (36 characters).</summary>
    public void Append(Guid id)
    {
        Ensure(36);
        id.TryFormat(_bytes.AsSpan(Length), out var written);
        Length += written;
    }

    public void AppendHex(int number)
    {
        Ensure(8);
        number.TryFormat(_bytes.AsSpan(Length), out var written, "x", System.Globalization.CultureInfo.InvariantCulture);
        Length += written;
    }

    /// <summary>"Name: value\r\n".</summary>
    public void AppendHeader(string name, string value)
    {
        Append(name);
        Append(": "u8);
        Append(value);
        Append("\r\n"u8);
    }

    private void Ensure(int more)
    {
        if (Length + more <= _bytes.Length) return;
        Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + more));
    }
}
