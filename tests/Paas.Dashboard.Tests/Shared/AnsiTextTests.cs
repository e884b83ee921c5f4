using Paas.Dashboard.Shared;

namespace Paas.Dashboard.Tests.Shared;

public sealed class AnsiTextTests : DashboardTestContext
{
    [Fact]
    public void Parse_SplitsRuns_ByTheSgrCodesInEffect()
    {
        var runs = AnsiText.Parse("\u001b[1;32m-----> Building\u001b[0m done \u001b[31merror\u001b[39m");

        Assert.Equal(
            [new("-----> Building", "ansi-bold ansi-fg-32"), new(" done ", ""), new("error", "ansi-fg-31")],
            runs);
    }

    [Fact]
    public void Parse_SkipsTheArgumentsOf256AndTrueColour_AndDropsOtherSequences()
    {
        var runs = AnsiText.Parse("\u001b[38;5;196mred\u001b[0m\u001b[2K\u001b[1Gnext\u001b[48;2;1;2;3;4mx");

        Assert.Equal([new("red", ""), new("next", ""), new("x", "ansi-underline")], runs);
    }

    [Fact]
    public void Parse_MapsBrightBackgrounds_AndResetsBoldWith22()
    {
        var runs = AnsiText.Parse("\u001b[1;101mA\u001b[22mB");

        Assert.Equal([new("A", "ansi-bold ansi-bg-41"), new("B", "ansi-bg-41")], runs);
    }

    [Fact]
    public void AnsiLine_RendersColoursAsSpans_AndTheTextEscaped()
    {
        var cut = Render<AnsiLine>(p => p.Add(l => l.Text, "\u001b[33m<script>alert(1)</script>\u001b[0m ok"));

        var span = cut.Find("span.ansi-fg-33");
        Assert.Equal("<script>alert(1)</script>", span.TextContent);
        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("ok", cut.Markup);
        Assert.DoesNotContain("\u001b", cut.Markup);
    }
}
