using Paas.Core.Builds;
using Paas.Core.Builds.Procfiles;

namespace Paas.Core.Tests.Builds;

public sealed class ProcfileParserTests
{
    [Fact]
    public void Parse_ReadsTypesInOrder_SkippingCommentsAndBlankLines()
    {
        var types = ProcfileParser.Parse("# processes\r\nweb: node server.js --port $PORT\n\n  worker:bin/worker  \n#old: x\nrelease_1 : ./migrate: now\n");

        Assert.Equal(["web", "worker", "release_1"], types.Keys);
        Assert.Equal("node server.js --port $PORT", types["web"]);
        Assert.Equal("bin/worker", types["worker"]);
        Assert.Equal("./migrate: now", types["release_1"]); // only the first ':' separates
    }

    [Fact]
    public void Parse_AllowsAnEmptyProcfile() => Assert.Empty(ProcfileParser.Parse("# nothing yet\n"));

    [Fact]
    public void Parse_RejectsMalformedLines_WithTheirLineNumbers()
    {
        var e = Assert.Throws<BuildFailedException>(() => ProcfileParser.Parse("web: ok\nthis is not a process\nworker:\nweb server: x\n"));

        Assert.Contains("Procfile line 2 is not 'name: command'", e.Message);
        Assert.Contains("Procfile line 3", e.Message);
        Assert.Contains("Procfile line 4", e.Message);
        Assert.DoesNotContain("line 1", e.Message);
    }

    [Fact]
    public void Parse_RejectsADuplicateName()
    {
        var e = Assert.Throws<BuildFailedException>(() => ProcfileParser.Parse("web: a\nworker: b\nweb: c\n"));

        Assert.Contains("Procfile line 3: process type 'web' is declared twice", e.Message);
    }

    [Theory]
    [InlineData("Web: x")]
    [InlineData("-web: x")]
    [InlineData("averyveryveryverylongprocesstypename: x")]
    public void Parse_RejectsNamesPsScaleCannotAddress(string line)
    {
        var e = Assert.Throws<BuildFailedException>(() => ProcfileParser.Parse(line));

        Assert.Contains("Procfile line 1: process type", e.Message);
        Assert.Contains("must match", e.Message);
    }
}
