using System.Text;

namespace Paas.Runtime.Attach;

/// <summary>
/// Turns one stream's chunks of bytes into lines, without their newline (and a CR before it). A line
/// longer than <see cref="MaxLineBytes"/> is cut there (at a UTF-8 character boundary), so a
/// container that never writes a newline cannot make us hold its output without bound.
/// Bytes that are not UTF-8 become U+FFFD.
/// </summary>
internal sealed class OutputLineSplitter
{
    public const int MaxLineBytes = 64 * 1024;

    private readonly byte[] _pending = new byte[MaxLineBytes];
    private int _length;

    /// <summary>The lines <paramref name="data"/> completes, in order; the rest waits for more.</summary>
    public List<string> Append(ReadOnlySpan<byte> data)
    {
        var lines = new List<string>();
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            var take = newline < 0 ? data.Length : newline;
            var room = MaxLineBytes - _length;
            if (take > room)
            {
                // Full without a newline: fill up and cut.
                data[..room].CopyTo(_pending.AsSpan(_length));
                _length += room;
                data = data[room..];
                lines.Add(CutAtCharBoundary());
                continue;
            }
            data[..take].CopyTo(_pending.AsSpan(_length));
            _length += take;
            if (newline < 0) break;
            lines.Add(Take(_length, trimCr: true));
            data = data[(newline + 1)..];
        }
        return lines;
    }

    /// <summary>The last line if it had no newline (at the end of the output), else null.</summary>
    public string? Flush() => _length == 0 ? null : Take(_length, trimCr: false);

    /// <summary>Emits the buffer up to its last complete UTF-8 character; the bytes of a cut character start the next line.</summary>
    private string CutAtCharBoundary()
    {
        var end = _length;
        // Back up over at most 3 continuation bytes to the lead byte of the last character.
        var lead = end - 1;
        while (lead > 0 && end - lead < 4 && (_pending[lead] & 0xC0) == 0x80) lead--;
        var needed = SequenceLength(_pending[lead]);
        if (needed > 1 && lead + needed > end && lead > 0) end = lead;
        return Take(end, trimCr: false);
    }

    private static int SequenceLength(byte lead) =>
        (lead & 0x80) == 0 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 1;

    /// <summary>The first <paramref name="count"/> bytes as a line; what follows them moves to the front.</summary>
    private string Take(int count, bool trimCr)
    {
        var textLength = trimCr && count > 0 && _pending[count - 1] == '\r' ? count - 1 : count;
        var line = Encoding.UTF8.GetString(_pending, 0, textLength);
        Array.Copy(_pending, count, _pending, 0, _length - count);
        _length -= count;
        return line;
    }
}
