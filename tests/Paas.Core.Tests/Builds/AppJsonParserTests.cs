using Paas.Core.Builds;
using Paas.Core.Builds.AppJson;

namespace Paas.Core.Tests.Builds;

public sealed class AppJsonParserTests
{
    [Fact]
    public void Parse_AllowsCommentsAndTrailingCommas_AsDokkuDoes()
    {
        var app = AppJsonParser.Parse("""
            {
              // the buildpacks, in order
              "name": "demo",
              "buildpacks": [
                { "url": "https://github.com/heroku/heroku-buildpack-apt" },
                { "url": " https://github.com/heroku/heroku-buildpack-nodejs.git#v200 " }, /* pinned */
              ],
              "scripts": { "dokku": { "predeploy": "./migrate", "postdeploy": "echo done" } },
              "healthchecks": { "web": [] },
            }
            """);

        Assert.Equal(["https://github.com/heroku/heroku-buildpack-apt", "https://github.com/heroku/heroku-buildpack-nodejs.git#v200"], app.Buildpacks);
        Assert.Equal("./migrate", app.Predeploy);
        Assert.Equal("echo done", app.Postdeploy);
    }

    [Fact]
    public void Parse_ReadsHerokusScriptsPostdeploy_ApartFromDokkus()
    {
        // Dokku's python test app (app-heroku-postdeploy.json): both, with comments.
        var app = AppJsonParser.Parse("""
            {
              "scripts": {
                "dokku": {
                  // every deploy
                  "postdeploy": "touch /app/postdeploy.test"
                },
                "postdeploy": "touch /app/heroku-postdeploy.test"
              }
            }
            """);

        Assert.Equal("touch /app/postdeploy.test", app.Postdeploy);
        Assert.Equal("touch /app/heroku-postdeploy.test", app.FirstDeployPostdeploy);
        Assert.Null(AppJsonParser.Parse("{}").FirstDeployPostdeploy);
        var e = Assert.Throws<BuildFailedException>(() => AppJsonParser.Parse("{ \"scripts\": { \"postdeploy\": [\"a\"] } }"));
        Assert.Contains("scripts.postdeploy must be a string", e.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    public void Parse_GivesNothing_WhenThereIsNothingPaasUses(string? content)
    {
        var app = AppJsonParser.Parse(content);

        Assert.Empty(app.Buildpacks);
        Assert.Null(app.Predeploy);
        Assert.Null(app.Postdeploy);
    }

    [Fact]
    public void Parse_RejectsInvalidJson_SayingWhere()
    {
        var e = Assert.Throws<BuildFailedException>(() => AppJsonParser.Parse("{\n  \"name\": \"demo\"\n  \"scripts\": {}\n}"));

        Assert.Contains("app.json is not valid JSON at line 3", e.Message);
    }

    [Fact]
    public void Parse_RejectsWrongShapes_ListingEveryProblem()
    {
        var e = Assert.Throws<BuildFailedException>(() => AppJsonParser.Parse("""
            { "buildpacks": [ "https://example.com/bp.git", { "url": 3 } ], "scripts": { "dokku": { "predeploy": ["a"] } } }
            """));

        Assert.Contains("buildpacks[0] must be an object with a \"url\"", e.Message);
        Assert.Contains("buildpacks[1].url must be a string", e.Message);
        Assert.Contains("scripts.dokku.predeploy must be a string", e.Message);
    }

    [Fact]
    public void Parse_RejectsANonObject() =>
        Assert.Contains("must hold a JSON object", Assert.Throws<BuildFailedException>(() => AppJsonParser.Parse("[]")).Message);
}
