using Paas.Builds.Buildpacks;
using Paas.Core.Builds;
using Paas.Core.Git;

namespace Paas.Builds.Tests.Buildpacks;

public sealed class BuildpackPlannerTests
{
    private static readonly string[] Builtins = ["10-nodejs", "20-python", "30-static", "99-null"];

    private static SourceTree Source(params (string Name, string Content)[] files) =>
        new("/nowhere", "abc", files.ToDictionary(f => f.Name, f => f.Content));

    private static BuildpackPlan Plan(SourceTree source, Dictionary<string, string>? config = null) =>
        BuildpackPlanner.Plan(source, config ?? [], Builtins, "/opt/paas/buildpacks");

    [Fact]
    public void WithoutAList_DetectsOverTheBuiltinsInOrder()
    {
        var plan = Plan(Source());

        Assert.True(plan.Detect);
        Assert.Equal(Builtins, plan.Buildpacks.Select(b => b.BuiltinDir));
        Assert.Equal("built-in detection", plan.Origin);
    }

    [Fact]
    public void DotBuildpacks_WinsOverBuildpackUrlAndAppJson_SkippingCommentsAndBlankLines()
    {
        var plan = Plan(
            Source((".buildpacks", "# list\r\n\r\nhttps://github.com/heroku/heroku-buildpack-nodejs.git#v250\n  https://example.com/custom.git  \n"),
                ("app.json", """{ "buildpacks": [ { "url": "https://example.com/from-app-json.git" } ] }""")),
            new Dictionary<string, string> { ["BUILDPACK_URL"] = "https://example.com/from-config.git" });

        Assert.False(plan.Detect);
        Assert.Equal(".buildpacks", plan.Origin);
        Assert.Equal(
            [BuildpackSpec.Remote("https://github.com/heroku/heroku-buildpack-nodejs.git", "v250", "10-nodejs"), BuildpackSpec.Remote("https://example.com/custom.git", null, null)],
            plan.Buildpacks);
    }

    [Fact]
    public void BuildpackUrl_WinsOverAppJson()
    {
        var plan = Plan(Source(("app.json", """{ "buildpacks": [ { "url": "https://example.com/a.git" } ] }""")),
            new Dictionary<string, string> { ["BUILDPACK_URL"] = " https://github.com/dokku/buildpack-nginx " });

        Assert.Equal("the BUILDPACK_URL config var", plan.Origin);
        Assert.Equal([BuildpackSpec.Remote("https://github.com/dokku/buildpack-nginx", null, "30-static")], plan.Buildpacks);
    }

    [Fact]
    public void BuildpackUrlInTheAppsDotEnv_IsUsed_AfterTheConfigVar()
    {
        // Dokku's static test app: `export BUILDPACK_URL=https://github.com/progrium/buildpack-nginx` in .env.
        var dotEnv = (".env", "export BUILDPACK_URL=https://github.com/progrium/buildpack-nginx\n");
        var appJson = ("app.json", """{ "buildpacks": [ { "url": "https://example.com/a.git" } ] }""");

        var plan = Plan(Source(dotEnv, appJson));
        var configWins = Plan(Source(dotEnv), new Dictionary<string, string> { ["BUILDPACK_URL"] = "https://example.com/from-config.git" });

        Assert.Equal("BUILDPACK_URL in the app's .env", plan.Origin);
        Assert.Equal([BuildpackSpec.Remote("https://github.com/progrium/buildpack-nginx", null, "30-static")], plan.Buildpacks);
        Assert.Equal("the BUILDPACK_URL config var", configWins.Origin);
    }

    [Fact]
    public void AppJson_IsUsedLast_ShorthandsMapToBuiltins_WithANotice()
    {
        var plan = Plan(Source(("app.json", """{ "buildpacks": [ { "url": "heroku/python" }, { "url": "https://github.com/ryandotsmith/null-buildpack" } ] }""")));

        Assert.Equal("app.json", plan.Origin);
        Assert.Equal([BuildpackSpec.Builtin("20-python"), BuildpackSpec.Remote("https://github.com/ryandotsmith/null-buildpack", null, "99-null")], plan.Buildpacks);
        Assert.Equal(["heroku/python is a Heroku buildpack registry name; using the built-in python buildpack, its Paas equivalent"], plan.Notices);
    }

    [Fact]
    public void NamedOnlyBuiltins_WithoutAnOrderNumber_AreNotDetected()
    {
        // An Aptfile beside a package.json is a node app (as in herokuish): apt runs only when named.
        var plan = BuildpackPlanner.Plan(Source(("Aptfile", "hello\n")), new Dictionary<string, string>(), ["10-nodejs", "20-python", "apt"], "/opt/paas/buildpacks");

        Assert.True(plan.Detect);
        Assert.Equal(["10-nodejs", "20-python"], plan.Buildpacks.Select(b => b.BuiltinDir));
    }

    [Theory]
    [InlineData("https://github.com/heroku/heroku-buildpack-apt", "https://github.com/heroku/heroku-buildpack-apt", null)]
    [InlineData("https://github.com/heroku/heroku-buildpack-apt.git", "https://github.com/heroku/heroku-buildpack-apt.git", null)]
    [InlineData("https://github.com/heroku/heroku-buildpack-apt.git#v1.2", "https://github.com/heroku/heroku-buildpack-apt.git", "v1.2")]
    [InlineData("https://github.com/ddollar/heroku-buildpack-apt#master", "https://github.com/ddollar/heroku-buildpack-apt", "master")]
    public void AptBuildpackUrls_FallBackToTheNamedOnlyAptBuiltin(string entry, string url, string? gitRef)
    {
        var plan = BuildpackPlanner.Plan(
            Source((".buildpacks", entry + "\nhttps://github.com/heroku/heroku-buildpack-nodejs\n")),
            new Dictionary<string, string>(), ["10-nodejs", "apt"], "/opt/paas/buildpacks");

        Assert.Equal(
            [BuildpackSpec.Remote(url, gitRef, "apt"), BuildpackSpec.Remote("https://github.com/heroku/heroku-buildpack-nodejs", null, "10-nodejs")],
            plan.Buildpacks);
    }

    [Fact]
    public void HerokuCommunityAptShorthand_MapsToTheAptBuiltin_WithANotice()
    {
        var plan = BuildpackPlanner.Plan(
            Source(("app.json", """{ "buildpacks": [ { "url": "heroku-community/apt" }, { "url": "heroku/nodejs" } ] }""")),
            new Dictionary<string, string>(), ["10-nodejs", "apt"], "/opt/paas/buildpacks");

        Assert.Equal([BuildpackSpec.Builtin("apt"), BuildpackSpec.Builtin("10-nodejs")], plan.Buildpacks);
        Assert.Equal("heroku-community/apt is a Heroku buildpack registry name; using the built-in apt buildpack, its Paas equivalent", plan.Notices[0]);
    }

    [Theory]
    [InlineData("--upload-pack=touch /tmp/pwned")]
    [InlineData("https://example.com/bp.git#--orphan")]
    [InlineData("https://example.com/b p.git")]
    [InlineData("https://example.com/bp.git#v1\u001fbuiltin")]
    [InlineData("/etc")]
    public void UnsafeOrUnknownUrls_FailTheBuild(string entry)
    {
        var e = Assert.Throws<BuildFailedException>(() => Plan(Source((".buildpacks", entry))));

        Assert.Contains("from .buildpacks", e.Message);
    }

    [Fact]
    public void NoBuiltins_AndNoList_FailsSayingHowToChooseOne()
    {
        var e = Assert.Throws<BuildFailedException>(() => BuildpackPlanner.Plan(Source(), new Dictionary<string, string>(), [], "/opt/paas/buildpacks"));

        Assert.Contains("no built-in buildpacks are installed (in /opt/paas/buildpacks)", e.Message);
    }
}
