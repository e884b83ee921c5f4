using System.Text;
using Paas.Runtime.Attach;

namespace Paas.Runtime.Tests.Attach;

public sealed class OutputLineSplitterTests
{
    private const int Max = OutputLineSplitter.MaxLineBytes;

    [Fact]
    public void LinesSplitAcrossChunks_AreJoined_CrLfTrimmed_PartialKeptUntilFlush()
    {
        var splitter = new OutputLineSplitter();
        Assert.Empty(splitter.Append("hel"u8));
        Assert.Equal(["hello", "world"], splitter.Append("lo\nworld\r\npar"u8));
        Assert.Equal(["partial"], splitter.Append("tial\n"u8));
        Assert.Empty(splitter.Append("last"u8));
        Assert.Equal("last", splitter.Flush());
        Assert.Null(splitter.Flush());
    }

    [Fact]
    public void EmptyLines_AreLines()
    {
        var splitter = new OutputLineSplitter();
        Assert.Equal(["", "", "x"], splitter.Append("\n\nx\n"u8));
        Assert.Null(splitter.Flush());
    }

    [Fact]
    public void ALineWithoutNewline_IsCutAtTheMaximum_AndTheRestGoesOn()
    {
        var splitter = new OutputLineSplitter();
        var lines = splitter.Append(Encoding.ASCII.GetBytes(new string('a', Max * 2 + 10)));
        Assert.Equal([Max, Max], lines.Select(l => l.Length));
        Assert.Equal([new string('a', 10) + "bbb"], splitter.Append("bbb\n"u8));
    }

    [Fact]
    public void ACutNeverSplitsAUtf8Character()
    {
        var splitter = new OutputLineSplitter();
        // One byte short of the maximum, then a 3-byte character: it does not fit and moves to the next line whole.
        var bytes = Encoding.UTF8.GetBytes(new string('a', Max - 1) + "€" + "b\n");
        var lines = splitter.Append(bytes);
        Assert.Equal(2, lines.Count);
        Assert.Equal(new string('a', Max - 1), lines[0]);
        Assert.Equal("€b", lines[1]);
    }

    [Fact]
    public void InvalidUtf8_BecomesReplacementCharacters()
    {
        var splitter = new OutputLineSplitter();
        Assert.Equal(["a\uFFFDb"], splitter.Append([(byte)'a', 0xFF, (byte)'b', (byte)'\n']));
    }
}
