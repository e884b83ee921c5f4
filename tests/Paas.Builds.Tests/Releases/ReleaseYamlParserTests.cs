using Paas.Builds.Releases;

namespace Paas.Builds.Tests.Releases;

public sealed class ReleaseYamlParserTests
{
    [Fact]
    public void Parse_ReadsDefaultProcessTypesAndConfigVars()
    {
        var release = ReleaseYamlParser.Parse("""
            ---
            addons: []
            # comment
            config_vars:
              PATH: "/app/bin:/usr/bin"
              LANG: 'en_US.UTF-8' # trailing comment
              QUOTED: 'it''s'
            default_process_types:
              web: bundle exec puma -p $PORT -e ${RACK_ENV:-production}
              worker: "echo \"a#b\" # not a comment"
              console: bin/rails console # a comment
            ...
            """);

        Assert.Equal(new Dictionary<string, string>
        {
            ["web"] = "bundle exec puma -p $PORT -e ${RACK_ENV:-production}",
            ["worker"] = "echo \"a#b\" # not a comment",
            ["console"] = "bin/rails console",
        }, release.DefaultProcessTypes);
        Assert.Equal(new Dictionary<string, string> { ["PATH"] = "/app/bin:/usr/bin", ["LANG"] = "en_US.UTF-8", ["QUOTED"] = "it's" }, release.ConfigVars);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("--- {}\n")]
    [InlineData("---\naddons: []\ndefault_process_types: {}\n")]
    [InlineData("not yaml at all")]
    public void Parse_GivesNothing_WhenThereAreNoTypes(string? yaml)
    {
        var release = ReleaseYamlParser.Parse(yaml);

        Assert.Empty(release.DefaultProcessTypes);
        Assert.Empty(release.ConfigVars);
    }

    [Fact]
    public void Parse_IgnoresOtherSections()
    {
        var release = ReleaseYamlParser.Parse("addons:\n  - heroku-postgresql\nother:\n  web: no\ndefault_process_types:\n  web: yes\n");

        Assert.Equal(new Dictionary<string, string> { ["web"] = "yes" }, release.DefaultProcessTypes);
    }
}
