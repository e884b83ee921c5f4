using Paas.Builds.Buildpacks;

namespace Paas.Builds.Tests.Buildpacks;

public sealed class AppDotEnvTests
{
    [Fact]
    public void Parses_ExportAndPlainLines_StrippingMatchingQuotes_WithoutExpanding()
    {
        var values = AppDotEnv.Parse(
            "# comment\r\n\r\nexport A=1\nB = 2\nC=\"two words\"\nD='$HOME `id`'\nE=\"unbalanced'\nF=a=b\nnot a line\n9BAD=x\nA=last\nG=");

        Assert.Equal(new Dictionary<string, string>
        {
            ["A"] = "last",
            ["C"] = "two words",
            ["D"] = "$HOME `id`",
            ["E"] = "\"unbalanced'",
            ["F"] = "a=b",
            ["G"] = "",
        }, values);
    }

    [Fact]
    public void NoFile_IsNoVariables() => Assert.Empty(AppDotEnv.Parse(null));
}
