using System.Net;
using System.Net.Http.Json;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests.Git;

[Collection(PaasdCollection.Name)]
public sealed class GitSettingsTests(PaasdFixture paasd)
{
    private readonly GitHttp _git = new(paasd);

    [Fact]
    public async Task DeployBranch_IsMainByDefault_SetChangesIt_AndUnsetRestoresIt()
    {
        var app = await _git.CreateAppAsync();

        var initial = await _git.ReportAsync(app);
        var set = await (await _git.SetAsync(app, "deploy-branch", "release/v2")).ReadAsync<GitReport>();
        var unset = await (await _git.SetAsync(app, "deploy-branch", null)).ReadAsync<GitReport>();

        Assert.Equal(("main", false), (initial.DeployBranch, initial.DeployBranchSet));
        Assert.Equal(("release/v2", true), (set.DeployBranch, set.DeployBranchSet));
        Assert.Equal(("main", false), (unset.DeployBranch, unset.DeployBranchSet));
    }

    [Theory]
    [InlineData("a..b", "contains '..'")]
    [InlineData("has space", "contains a space")]
    [InlineData("-x", "starts with '-'")]
    [InlineData("x.lock", "ends with '.lock'")]
    [InlineData("a@{b", "contains '@{'")]
    [InlineData("", "is empty")]
    public async Task DeployBranch_ThatGitWouldRefuse_Is400SayingWhy(string branch, string why)
    {
        var app = await _git.CreateAppAsync();

        var problem = await (await _git.SetAsync(app, "deploy-branch", branch)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(why, problem.Detail());
        Assert.False((await _git.ReportAsync(app)).DeployBranchSet);
    }

    [Fact]
    public async Task UnknownSetting_Is400_NamingTheKnownOne()
    {
        var app = await _git.CreateAppAsync();

        var problem = await (await _git.SetAsync(app, "rev-env-var", "X")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("deploy-branch", problem.Detail());
    }

    [Fact]
    public async Task Push_ToMain_WhenAnotherBranchDeploys_IsStored_AndTheDeployBranchCannotBeDeleted()
    {
        var app = await _git.CreateAppAsync();
        var token = await paasd.CreateTokenAsync();
        await _git.SetAsync(app, "deploy-branch", "production");
        using var work = await GitWorkRepo.CreateAsync("main");
        await work.WriteAsync("f", "f");
        var commit = await work.CommitAsync();

        var push = await work.GitAsync(["push", _git.Url(app, token), "main"]);
        await _git.SetAsync(app, "deploy-branch", "main");
        var delete = await work.GitAsync(["push", _git.Url(app, token), ":main"]);
        var report = await _git.ReportAsync(app);

        Assert.True(push.ExitCode == 0, push.StandardError);
        Assert.Contains("you must push to production.", push.StandardError);
        Assert.Equal(1, delete.ExitCode);
        Assert.Contains("remote:  !     the deploy branch 'main' cannot be deleted", delete.StandardError);
        Assert.Contains("pre-receive hook declined", delete.StandardError);
        Assert.Equal([new GitBranchView("main", commit)], report.Branches);
    }

    [Fact]
    public async Task OtherBranches_MayBeDeleted()
    {
        var app = await _git.CreateAppAsync();
        var token = await paasd.CreateTokenAsync();
        using var work = await GitWorkRepo.CreateAsync("scratch");
        await work.WriteAsync("f", "f");
        await work.CommitAsync();
        Assert.Equal(0, (await work.GitAsync(["push", _git.Url(app, token), "scratch"])).ExitCode);

        var delete = await work.GitAsync(["push", _git.Url(app, token), ":scratch"]);

        Assert.True(delete.ExitCode == 0, delete.StandardError);
        Assert.Empty((await _git.ReportAsync(app)).Branches);
    }

    [Fact]
    public async Task PreReceive_OverTcp_DoesNotExist()
    {
        var token = await paasd.CreateTokenAsync();
        using var client = paasd.TcpClient(token);

        var response = await client.PostAsJsonAsync(ApiRoutes.PreReceive,
            new PreReceiveRequest("anything", null, [new RefUpdateLine(new string('0', 40), new string('a', 40), "refs/heads/main")]), ApiJson.Options);

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PreReceive_WithAnUnknownPushToken_Is403_BeforeAnyOutput()
    {
        using var client = paasd.SocketClient();

        var response = await client.PostAsJsonAsync(ApiRoutes.PreReceive,
            new PreReceiveRequest("not-a-push", null, [new RefUpdateLine(new string('0', 40), new string('a', 40), "refs/heads/main")]), ApiJson.Options);

        Assert.Contains("push token is unknown", (await response.ProblemAsync(HttpStatusCode.Forbidden)).Detail());
    }
}
