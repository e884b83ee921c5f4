using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Paas.Core.Checks;
using Paas.Engine.Checks;

namespace Paas.Engine.Tests.Checks;

/// <summary>HTTP checks against a real Kestrel on loopback, standing in for the container's address; the container itself is real.</summary>
[Collection(CheckContainersCollection.Name)]
public sealed class HealthCheckerHttpTests(CheckContainers containers)
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task APassingCheck_SendsTheAppsHostAndForwardedProto_AndItsOwnHeaders()
    {
        await using var server = await LoopbackHttpServer.StartAsync(c => c.Response.WriteAsync("ok"));
        var container = await containers.StartAsync("sleep 60");
        var output = new RecordingOutput();
        var check = new HealthCheck { Path = "/health?deep=1", HttpHeaders = [new HttpHeader("X-Check", "yes")], Attempts = 3, Wait = Short };

        var result = await Checker().RunAsync(Plan(check), Target(container, server.Port) with { Https = true }, output, default);

        Assert.True(result.Passed, output.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal("/health?deep=1", request.PathAndQuery);
        Assert.Equal(("app.paas.test", "https", "yes"), (request.Headers["Host"], request.Headers["X-Forwarded-Proto"], request.Headers["X-Check"]));
        Assert.Equal(
        [
            "       web.1: 1 check from app.json",
            "       web.1: check '/health?deep=1' attempt 1/3 ok",
            "       web.1: checks passed",
        ], output.Lines);
        Assert.Equal([new CheckOutcome("/health?deep=1", CheckOutcomeStatus.Passed, 1, null)], result.Outcomes);
    }

    [Fact]
    public async Task AnAppStillStarting_IsTriedAgain_AfterTheWait()
    {
        var calls = 0;
        await using var server = await LoopbackHttpServer.StartAsync(c =>
        {
            c.Response.StatusCode = Interlocked.Increment(ref calls) <= 2 ? 503 : 200;
            return Task.CompletedTask;
        });
        var container = await containers.StartAsync("sleep 60");
        var output = new RecordingOutput();

        var result = await Checker().RunAsync(Plan(new HealthCheck { Path = "/", Attempts = 3, Wait = Short }), Target(container, server.Port), output, default);

        Assert.True(result.Passed, output.ToString());
        Assert.Contains("       web.1: check '/' attempt 1/3 failed: status 503", output.Lines);
        Assert.Contains("       web.1: check '/' attempt 2/3 failed: status 503", output.Lines);
        Assert.Contains("       web.1: check '/' attempt 3/3 ok", output.Lines);
        Assert.Equal(3, result.Outcomes.Single().Attempts);
    }

    [Fact]
    public async Task AnErrorStatus_FailsAfterTheAttempts_AndTheLaterChecksDoNotRun()
    {
        await using var server = await LoopbackHttpServer.StartAsync(c => { c.Response.StatusCode = 500; return Task.CompletedTask; });
        var container = await containers.StartAsync("sleep 60");
        var output = new RecordingOutput();
        var plan = Plan(new HealthCheck { Name = "db ready", Path = "/db", Attempts = 2, Wait = Short }, new HealthCheck { Path = "/never" });

        var result = await Checker().RunAsync(plan, Target(container, server.Port), output, default);

        Assert.False(result.Passed);
        Assert.Equal("web.1: check 'db ready' failed after 2 attempts: status 500", result.Failure);
        Assert.Equal(" !     web.1: check 'db ready' failed after 2 attempts: status 500", output.Lines[^1]);
        Assert.Equal(["/db", "/db"], server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Content_MustBeInTheBody()
    {
        await using var server = await LoopbackHttpServer.StartAsync(c => c.Response.WriteAsync("<h1>Welcome to the app</h1>"));
        var container = await containers.StartAsync("sleep 60");

        var found = await Checker().RunAsync(Plan(new HealthCheck { Path = "/", Content = "Welcome" }), Target(container, server.Port), new RecordingOutput(), default);
        var missing = await Checker().RunAsync(Plan(new HealthCheck { Path = "/", Content = "Dashboard", Attempts = 1 }), Target(container, server.Port), new RecordingOutput(), default);

        Assert.True(found.Passed);
        Assert.Equal("web.1: check '/' failed after 1 attempt: the response does not contain \"Dashboard\"", missing.Failure);
    }

    [Fact]
    public async Task Redirects_AreFollowedOnlyBackToTheSameContainer()
    {
        await using var server = await LoopbackHttpServer.StartAsync(c =>
        {
            switch (c.Request.Path.Value)
            {
                case "/relative": c.Response.Redirect("/target?from=relative"); break;
                case "/same-host": c.Response.Redirect("http://app.paas.test/target?from=host"); break;
                case "/elsewhere": c.Response.Redirect("http://example.com/login"); break;
                case "/to-https": c.Response.Redirect("https://app.paas.test/target"); break;
                default: return c.Response.WriteAsync("arrived");
            }
            return Task.CompletedTask;
        });
        var container = await containers.StartAsync("sleep 60");
        var target = Target(container, server.Port);

        var relative = await Checker().RunAsync(Plan(new HealthCheck { Path = "/relative", Content = "arrived" }), target, new RecordingOutput(), default);
        var sameHost = await Checker().RunAsync(Plan(new HealthCheck { Path = "/same-host", Content = "arrived" }), target, new RecordingOutput(), default);
        var elsewhere = await Checker().RunAsync(Plan(new HealthCheck { Path = "/elsewhere" }), target, new RecordingOutput(), default);
        var elsewhereWithContent = await Checker().RunAsync(Plan(new HealthCheck { Path = "/elsewhere", Content = "arrived", Attempts = 1 }), target, new RecordingOutput(), default);
        var toHttps = await Checker().RunAsync(Plan(new HealthCheck { Path = "/to-https" }), target, new RecordingOutput(), default);

        Assert.True(relative.Passed && sameHost.Passed, $"{relative.Failure} {sameHost.Failure}");
        // Not followed: the redirect itself is the answer (3xx passes, as with curl --fail).
        Assert.True(elsewhere.Passed && toHttps.Passed, $"{elsewhere.Failure} {toHttps.Failure}");
        Assert.Contains("a redirect to http://example.com/login, which checks follow only to the same container", elsewhereWithContent.Failure);
        Assert.Equal(
            ["/relative", "/target?from=relative", "/same-host", "/target?from=host", "/elsewhere", "/elsewhere", "/to-https"],
            server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task ASlowAnswer_FailsTheAttemptAtItsTimeout()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async c => await Task.Delay(TimeSpan.FromSeconds(5), c.RequestAborted));
        var container = await containers.StartAsync("sleep 60");
        var clock = Stopwatch.StartNew();

        var result = await Checker().RunAsync(Plan(new HealthCheck { Path = "/", Attempts = 2, Wait = Short, Timeout = TimeSpan.FromMilliseconds(300) }),
            Target(container, server.Port), new RecordingOutput(), default);

        Assert.Equal("web.1: check '/' failed after 2 attempts: no answer within 0.3s", result.Failure);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Https_IsSpokenToTheContainer_WithoutVerifyingItsCertificate()
    {
        await using var server = await LoopbackHttpServer.StartAsync(c => c.Response.WriteAsync(c.Request.IsHttps ? "tls" : "plain"), https: true);
        var container = await containers.StartAsync("sleep 60");

        var result = await Checker().RunAsync(Plan(new HealthCheck { Path = "/", Scheme = "https", Content = "tls" }), Target(container, server.Port), new RecordingOutput(), default);

        Assert.True(result.Passed, result.Failure);
        Assert.Equal("app.paas.test", server.Requests.Single().Headers["Host"]);
    }

    [Fact]
    public async Task NothingListening_IsConnectionRefused_AndAWarnOnlyCheckPassesWithAWarning()
    {
        var port = ClosedPort();
        var container = await containers.StartAsync("sleep 60");
        var output = new RecordingOutput();

        var result = await Checker().RunAsync(Plan(new HealthCheck { Path = "/", Attempts = 2, Wait = Short, Warn = true }), Target(container, port), output, default);

        Assert.True(result.Passed);
        Assert.Equal(CheckOutcomeStatus.Warned, result.Outcomes.Single().Status);
        Assert.Contains("       web.1: check '/' attempt 1/2 failed: connection refused", output.Lines);
        Assert.Contains(" !     web.1: check '/' failed after 2 attempts, only a warning (warn: true): connection refused", output.Lines);
        Assert.Equal("       web.1: checks passed", output.Lines[^1]);
    }

    [Fact]
    public async Task AContainerThatDies_FailsItsCheckAtOnce_InsteadOfWaitingOutTheAttempts()
    {
        var container = await containers.StartAsync("sleep 1; exit 3");
        var clock = Stopwatch.StartNew();

        var result = await Checker().RunAsync(Plan(new HealthCheck { Path = "/", Attempts = 100, Wait = TimeSpan.FromMilliseconds(200) }),
            Target(container, ClosedPort()), new RecordingOutput(), default);

        Assert.False(result.Passed);
        Assert.EndsWith("the container exited (exit code 3)", result.Failure);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}: the death was not noticed");
    }

    private HealthChecker Checker() => new(containers.Runtime, TimeProvider.System);

    internal static CheckPlan Plan(params HealthCheck[] checks) => new("web", CheckMode.Run, CheckSource.AppJson, checks, []);

    internal static CheckTarget Target(Core.Containers.ContainerInfo container, int port) =>
        new(container.Id, "web.1", IPAddress.Loopback, port, "app.paas.test", Https: false, container.StartedAt!.Value) { CommandLauncher = [] };

    internal static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
