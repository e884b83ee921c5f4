using Paas.Core.Builds;
using Paas.Core.Builds.AppJson;
using Paas.Core.Checks;

namespace Paas.Core.Tests.Checks;

public sealed class AppJsonHealthchecksTests
{
    [Fact]
    public void EveryDokkuField_IsRead()
    {
        var app = AppJsonParser.Parse("""
            {
              "healthchecks": {
                "web": [
                  {
                    "type": "startup", "name": "ready", "path": "/health?deep=1", "port": 8080, "scheme": "HTTPS",
                    "httpHeaders": [{ "name": "X-Check", "value": "yes" }], "content": "ok",
                    "attempts": 7, "timeout": 2, "wait": 3, "initialDelay": 4, "warn": true
                  },
                  { "type": "liveness", "command": ["/app/bin/alive", "--quiet"] },
                  { "listening": true, "port": 5000 },
                  { "uptime": 15, "unknownField": "ignored, as Dokku does" }
                ],
                "worker": []
              }
            }
            """);

        var web = app.Healthchecks["web"];
        Assert.Equal(4, web.Count);
        var http = web[0];
        Assert.Equal((HealthCheckType.Startup, "ready", "/health?deep=1", 8080, "https", "ok"), (http.Type, http.Name, http.Path, http.Port, http.Scheme, http.Content));
        Assert.Equal([new HttpHeader("X-Check", "yes")], http.HttpHeaders);
        Assert.Equal((7, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4), true),
            (http.Attempts, http.Timeout, http.Wait, http.InitialDelay, http.Warn));
        Assert.Equal(HealthCheckProbe.Http, http.Probe);
        Assert.Equal((HealthCheckType.Liveness, HealthCheckProbe.Command), (web[1].Type, web[1].Probe));
        Assert.Equal(["/app/bin/alive", "--quiet"], web[1].Command);
        Assert.Equal(HealthCheckProbe.Listening, web[2].Probe);
        Assert.Equal((HealthCheckProbe.Uptime, TimeSpan.FromSeconds(15)), (web[3].Probe, web[3].Uptime));
        Assert.Empty(app.Healthchecks["worker"]);
        Assert.Empty(app.Warnings);
    }

    [Fact]
    public void UnsetFields_TakeDokkusDefaults_AndZeroMeansTheDefault()
    {
        var app = AppJsonParser.Parse("""{ "healthchecks": { "web": [ { "path": "/" }, { "content": "hello", "attempts": 0, "timeout": 0, "wait": 0 } ] } }""");

        foreach (var check in app.Healthchecks["web"])
        {
            Assert.Equal((HealthCheckType.Startup, 3, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.Zero, false),
                (check.Type, check.Attempts, check.Timeout, check.Wait, check.InitialDelay, check.Warn));
            Assert.Null(check.Port);
            Assert.Equal("/", check.RequestPath);
            Assert.Equal(HealthCheckProbe.Http, check.Probe);
        }
        Assert.Equal("/", app.Healthchecks["web"][1].DisplayName);
    }

    [Fact]
    public void OnFailure_IsAcceptedButIgnored_WithAWarning()
    {
        var app = AppJsonParser.Parse("""{ "healthchecks": { "web": [ { "path": "/", "onFailure": { "url": "https://hooks.example.com" } } ] } }""");

        Assert.Single(app.Healthchecks["web"]);
        Assert.Equal(["healthchecks.web[0].onFailure is ignored: Paas does not run host commands or call URLs when a check fails"], app.Warnings);
    }

    [Theory]
    [InlineData("""{ "port": 0 }""", "healthchecks.web[0].port must be a whole number from 1 to 65535, not 0")]
    [InlineData("""{ "port": "5000" }""", "healthchecks.web[0].port must be a whole number from 1 to 65535, not \"5000\"")]
    [InlineData("""{ "timeout": 2.5 }""", "healthchecks.web[0].timeout must be a whole number from 0 to 3600 seconds, not 2.5")]
    [InlineData("""{ "attempts": -1 }""", "healthchecks.web[0].attempts must be a whole number from 0 to 100, not -1")]
    [InlineData("""{ "uptime": 99999 }""", "healthchecks.web[0].uptime must be a whole number from 0 to 3600 seconds, not 99999")]
    [InlineData("""{ "type": "ready" }""", "healthchecks.web[0].type 'ready' is unknown: use startup, liveness or readiness")]
    [InlineData("""{ "scheme": "ftp" }""", "healthchecks.web[0].scheme 'ftp' is unknown: use http or https")]
    [InlineData("""{ "path": "health" }""", "healthchecks.web[0].path must be a path on the container such as \"/health\"")]
    [InlineData("""{ "path": "/a b" }""", "healthchecks.web[0].path must be a path on the container")]
    [InlineData("""{ "command": "curl localhost" }""", "healthchecks.web[0].command must be a list such as [\"/app/bin/ready\", \"--quiet\"]")]
    [InlineData("""{ "command": ["a", 1] }""", "healthchecks.web[0].command must be a list of strings")]
    [InlineData("""{ "listening": "yes" }""", "healthchecks.web[0].listening must be true or false")]
    [InlineData("""{ "httpHeaders": [{ "name": "Bad Header", "value": "x" }] }""", "healthchecks.web[0].httpHeaders[0].name must be an HTTP header name")]
    [InlineData("""{ "httpHeaders": [{ "name": "X-A", "value": "a\r\nInjected: 1" }] }""", "healthchecks.web[0].httpHeaders[0].value must be one line")]
    [InlineData("""{ "path": "/", "command": ["true"] }""", "healthchecks.web[0] has a 'command' to run and an http 'path': a check probes one way only; split it into 2 checks")]
    [InlineData("""{ "uptime": 5, "listening": true }""", "healthchecks.web[0] has an 'uptime' and 'listening': true")]
    [InlineData("""3""", "healthchecks.web[0] must be an object such as { \"path\": \"/health\" }")]
    public void AWrongValue_FailsTheBuild_NamingTheField(string check, string expected)
    {
        var e = Assert.Throws<BuildFailedException>(() => AppJsonParser.Parse($$"""{ "healthchecks": { "web": [ {{check}} ] } }"""));

        Assert.StartsWith("app.json is invalid: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void WrongShapes_AroundTheChecks_AreNamedToo_AllAtOnce()
    {
        var e = Assert.Throws<BuildFailedException>(() => AppJsonParser.Parse("""
            { "healthchecks": { "Web!": [], "worker": { "path": "/" }, "web": [ { "port": 70000 }, { "wait": "5" } ] } }
            """));

        Assert.Contains("healthchecks.Web!: process type 'Web!' is invalid", e.Message);
        Assert.Contains("healthchecks.worker must be a list such as [{ \"type\": \"startup\", \"path\": \"/health\" }]", e.Message);
        Assert.Contains("healthchecks.web[0].port must be a whole number from 1 to 65535, not 70000", e.Message);
        Assert.Contains("healthchecks.web[1].wait must be a whole number from 0 to 3600 seconds, not \"5\"", e.Message);
        Assert.Contains("must be an object", Assert.Throws<BuildFailedException>(() => AppJsonParser.Parse("""{ "healthchecks": [] }""")).Message);
    }

    [Fact]
    public void TooManyChecksForOneType_AreRefused()
    {
        var checks = string.Join(",", Enumerable.Repeat("""{ "path": "/" }""", 21));

        var e = Assert.Throws<BuildFailedException>(() => AppJsonParser.Parse($$"""{ "healthchecks": { "web": [ {{checks}} ] } }"""));

        Assert.Contains("healthchecks.web has 21 checks: at most 20 per process type", e.Message);
    }

    [Fact]
    public void ABadHealthcheck_DoesNotHideOtherProblems_NorChangeWhatWasThereBefore()
    {
        var e = Assert.Throws<BuildFailedException>(() => AppJsonParser.Parse("""
            { "scripts": { "dokku": { "predeploy": 1 } }, "healthchecks": { "web": [ { "port": -5 } ] } }
            """));

        Assert.Contains("scripts.dokku.predeploy must be a string", e.Message);
        Assert.Contains("healthchecks.web[0].port", e.Message);
    }
}
