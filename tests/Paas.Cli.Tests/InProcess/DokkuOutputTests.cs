using Paas.Cli.Console;

namespace Paas.Cli.Tests.InProcess;

public sealed class DokkuOutputTests
{
    [Fact]
    public void ErrorLine_PrefixesEveryLine()
    {
        var writer = new StringWriter();

        writer.ErrorLine("first\nsecond");

        Assert.Equal(" !     first\n !     second\n", writer.ToString());
    }

    [Fact]
    public void Fields_AlignsValuesAfterTheLongestLabel()
    {
        var writer = new StringWriter();

        writer.Fields([("A", "1"), ("Longer", "2")]);

        Assert.Equal("       A:       1\n       Longer:  2\n", writer.ToString());
    }

    [Fact]
    public void Table_PadsColumnsAndLeavesNoTrailingSpaces()
    {
        var writer = new StringWriter();

        writer.Table([["name", "user"], ["ci-token", "admin"], ["x", ""]]);

        Assert.Equal("       name      user\n       ci-token  admin\n       x\n", writer.ToString());
    }

    [Theory]
    [InlineData("[]", "[]\n")]
    [InlineData("[]\n", "[]\n")]
    public void Json_IsWrittenAsReceived_EndingInOneNewline(string json, string expected)
    {
        var writer = new StringWriter();

        writer.Json(json);

        Assert.Equal(expected, writer.ToString());
    }
}
