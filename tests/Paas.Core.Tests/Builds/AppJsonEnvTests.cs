using Paas.Core.Builds;
using Paas.Core.Builds.AppJson;

namespace Paas.Core.Tests.Builds;

/// <summary>app.json <c>env</c> as Dokku reads it, and what a deploy sets from it.</summary>
public sealed class AppJsonEnvTests
{
    private const string AppJson = """
        {
          "env": {
            "PLAIN": "default",
            "TOKEN": { "description": "signs cookies", "value": "fixed" },
            "KEY": { "generator": "secret" },
            "WORKERS": { "description": "a shell command is no generator", "generator": "echo 5" },
            "DATABASE_URL": { "description": "required by default" },
            "OPTIONAL": { "required": false },
            "SYNCED": { "value": "v2", "sync": true }
          },
          "addons": ["dokku-postgres"],
          "image": "gliderlabs/herokuish"
        }
        """;

    private static readonly Dictionary<string, string> Nothing = new();

    [Fact]
    public void Parse_ReadsEveryEntry_AndWarnsOfAGeneratorItWillNotRun()
    {
        var app = AppJsonParser.Parse(AppJson);

        Assert.Equal(["PLAIN", "TOKEN", "KEY", "WORKERS", "DATABASE_URL", "OPTIONAL", "SYNCED"], app.Env.Select(v => v.Name));
        Assert.Equal(new AppJsonEnvVar("PLAIN", "default", true, false, false), app.Env[0]);
        Assert.Equal(new AppJsonEnvVar("KEY", null, true, true, false), app.Env[2]);
        Assert.Equal(new AppJsonEnvVar("OPTIONAL", null, false, false, false), app.Env[5]);
        Assert.Equal(new AppJsonEnvVar("SYNCED", "v2", true, false, true), app.Env[6]);
        var warning = Assert.Single(app.Warnings);
        Assert.Contains("env.WORKERS.generator \"echo 5\" is not run", warning);
    }

    [Fact]
    public void Parse_RejectsWrongShapes_NamingEach()
    {
        var e = Assert.Throws<BuildFailedException>(() => AppJsonParser.Parse("""
            { "env": { "1BAD": "x", "NUMBER": 5, "FLAG": { "required": "yes" }, "NUL": "a\u0000b" } }
            """));

        Assert.Contains("env.1BAD", e.Message);
        Assert.Contains("env.NUMBER must be a string (its default value) or an object", e.Message);
        Assert.Contains("env.FLAG.required must be true or false", e.Message);
        Assert.Contains("env.NUL holds a NUL character", e.Message);
    }

    [Fact]
    public void FirstDeploy_SetsValuesAndSecrets_KeepsWhatIsSet_AndNamesRequiredOnesWithNoValue()
    {
        var vars = AppJsonParser.Parse(AppJson).Env;

        var plan = AppJsonEnvPlan.For(vars, new Dictionary<string, string> { ["TOKEN"] = "mine" }, firstDeploy: true, () => "generated");

        Assert.Equal(new Dictionary<string, string> { ["PLAIN"] = "default", ["KEY"] = "generated", ["SYNCED"] = "v2" }, plan.ToSet);
        Assert.Equal(["DATABASE_URL"], plan.MissingRequired);
    }

    [Fact]
    public void LaterDeploys_OnlySyncVariablesChange()
    {
        var vars = AppJsonParser.Parse(AppJson).Env;

        var changed = AppJsonEnvPlan.For(vars, new Dictionary<string, string> { ["SYNCED"] = "v1" }, firstDeploy: false);
        var same = AppJsonEnvPlan.For(vars, new Dictionary<string, string> { ["SYNCED"] = "v2" }, firstDeploy: false);

        Assert.Equal(new Dictionary<string, string> { ["SYNCED"] = "v2" }, changed.ToSet);
        Assert.Empty(changed.MissingRequired);
        Assert.Empty(same.ToSet);
    }

    [Fact]
    public void TheSecretGenerator_Gives64HexCharacters_FreshEachTime()
    {
        var vars = AppJsonParser.Parse("""{ "env": { "KEY": { "generator": "secret" } } }""").Env;

        var first = AppJsonEnvPlan.For(vars, Nothing, firstDeploy: true).ToSet["KEY"];
        var second = AppJsonEnvPlan.For(vars, Nothing, firstDeploy: true).ToSet["KEY"];

        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.NotEqual(first, second);
    }
}
