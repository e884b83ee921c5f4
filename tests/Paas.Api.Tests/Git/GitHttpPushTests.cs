using System.Net;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests.Git;

/// <summary>The real git client against paasd's /git/APP.git on loopback.</summary>
[Collection(PaasdCollection.Name)]
public sealed class GitHttpPushTests(PaasdFixture paasd)
{
    private readonly GitHttp _git = new(paasd);

    [Fact]
    public async Task Clone_OfANewApp_GivesAnEmptyRepo()
    {
        var app = await _git.CreateAppAsync();
        var token = await paasd.CreateTokenAsync();
        using var target = new TestDirectory("paas-clone-");

        var clone = await ProcessRunner.RunAsync("git", ["clone", _git.Url(app, token), target.Combine("app")], GitWorkRepo.Environment());

        Assert.True(clone.ExitCode == 0, clone.StandardError);
        Assert.Contains("cloned an empty repository", clone.StandardError);
        Assert.True(Directory.Exists(target.Combine("app", ".git")));
    }

    [Fact]
    public async Task Push_ToAnotherBranch_IsStoredWithDokkusWarning_AndNothingBuilds()
    {
        var app = await _git.CreateAppAsync();
        var token = await paasd.CreateTokenAsync();
        using var work = await GitWorkRepo.CreateAsync("feature");
        await work.WriteAsync("Procfile", "web: true\n");
        var commit = await work.CommitAsync();

        var push = await work.GitAsync(["push", _git.Url(app, token), "feature"]);
        var report = await _git.ReportAsync(app);

        Assert.True(push.ExitCode == 0, push.StandardError);
        Assert.Contains("remote: -----> WARNING: deploy did not complete, you must push to main.", push.StandardError);
        Assert.Contains("remote: -----> for example, try 'git push <remote> feature:main'", push.StandardError);
        Assert.Equal([new GitBranchView("feature", commit)], report.Branches);
        Assert.Equal("main", report.DeployBranch);
        Assert.Equal(new { Branch = "feature", Commit = commit }, new { report.LastPush!.Branch, report.LastPush.Commit });
    }

    [Theory]
    [InlineData("none")]
    [InlineData("wrong")]
    [InlineData("revoked")]
    public async Task Push_WithoutAValidToken_IsRefused_AndStoresNothing(string credentials)
    {
        var app = await _git.CreateAppAsync();
        var token = credentials switch
        {
            "none" => null,
            "wrong" => "paas_not-a-real-token",
            _ => await RevokedTokenAsync(),
        };
        var repo = await _git.RepoPathAsync(app);
        var before = GitHttp.StoredFiles(repo);
        using var work = await GitWorkRepo.CreateAsync("feature");
        await work.WriteAsync("file", "content");
        await work.CommitAsync();

        var push = await work.GitAsync(["push", _git.Url(app, token), "feature"]);

        Assert.Equal(128, push.ExitCode);
        Assert.Contains(token is null ? "could not read Username" : "Authentication failed", push.StandardError);
        Assert.Equal(before, GitHttp.StoredFiles(repo));
        Assert.Empty((await _git.ReportAsync(app)).Branches);
    }

    [Fact]
    public async Task InfoRefs_WithoutCredentials_Is401AskingForBasic()
    {
        var app = await _git.CreateAppAsync();
        using var client = paasd.TcpClient();

        var response = await client.GetAsync(ApiRoutes.GitRepo(app) + "/info/refs?service=git-receive-pack");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"paas\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task UnknownApp_And_AppNotGrantedToTheDeveloper_AreBothNotFound()
    {
        var app = await _git.CreateAppAsync();
        var admin = await paasd.CreateTokenAsync();
        var developer = await _git.DeveloperTokenAsync();
        var granted = await _git.DeveloperTokenAsync(grantedApp: app);
        using var target = new TestDirectory("paas-clone-");

        var unknown = await ProcessRunner.RunAsync("git", ["ls-remote", _git.Url("no-such-app", admin)], GitWorkRepo.Environment());
        var notGranted = await ProcessRunner.RunAsync("git", ["ls-remote", _git.Url(app, developer)], GitWorkRepo.Environment());
        var allowed = await ProcessRunner.RunAsync("git", ["ls-remote", _git.Url(app, granted)], GitWorkRepo.Environment());
        using var client = paasd.TcpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.GitRepo(app) + "/info/refs?service=git-upload-pack");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("x:" + developer)));
        var response = await client.SendAsync(request);

        Assert.Equal(128, unknown.ExitCode);
        Assert.Contains("not found", unknown.StandardError);
        Assert.Equal(128, notGranted.ExitCode);
        Assert.Contains("not found", notGranted.StandardError);
        Assert.True(allowed.ExitCode == 0, allowed.StandardError);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("# service=", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fetch_WithProtocolV2_GetsThePushedBranch()
    {
        var app = await _git.CreateAppAsync();
        var token = await paasd.CreateTokenAsync();
        using var work = await GitWorkRepo.CreateAsync("topic");
        await work.WriteAsync("a.txt", "a");
        var commit = await work.CommitAsync();
        Assert.Equal(0, (await work.GitAsync(["push", _git.Url(app, token), "topic"])).ExitCode);
        using var other = await GitWorkRepo.CreateAsync("topic");

        var fetch = await other.GitAsync(["-c", "protocol.version=2", "fetch", _git.Url(app, token), "topic"],
            new Dictionary<string, string?> { ["GIT_TRACE_PACKET"] = "1" });

        Assert.True(fetch.ExitCode == 0, fetch.StandardError);
        Assert.Contains("git< version 2", fetch.StandardError);
        Assert.Equal(commit, (await other.GitCheckedAsync("rev-parse", "FETCH_HEAD")).StandardOutput.Trim());
    }

    [Fact]
    public async Task UploadPack_TakesAGzippedProtocolV2Body()
    {
        var app = await _git.CreateAppAsync();
        var token = await paasd.CreateTokenAsync();
        using var work = await GitWorkRepo.CreateAsync("zipped");
        await work.WriteAsync("z", "z");
        var commit = await work.CommitAsync();
        Assert.Equal(0, (await work.GitAsync(["push", _git.Url(app, token), "zipped"])).ExitCode);
        var body = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(body, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync(System.Text.Encoding.ASCII.GetBytes("0014command=ls-refs\n00010000"));
        using var client = paasd.TcpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.GitRepo(app) + "/git-upload-pack") { Content = new ByteArrayContent(body.ToArray()) };
        request.Content.Headers.ContentType = new("application/x-git-upload-pack-request");
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Headers.Add("Git-Protocol", "version=2");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("x:" + token)));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-git-upload-pack-result", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains($"{commit} refs/heads/zipped", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HostileBranchName_IsStoredAsText_AndRunsNothing()
    {
        var app = await _git.CreateAppAsync();
        var token = await paasd.CreateTokenAsync();
        var marker = Path.Combine(Path.GetTempPath(), "paas-pwned-" + Guid.NewGuid().ToString("N"));
        var branch = $"x$(touch${{IFS}}{marker})`touch${{IFS}}{marker}`";
        using var work = await GitWorkRepo.CreateAsync("main");
        await work.WriteAsync("f", "f");
        await work.CommitAsync();
        await work.GitCheckedAsync("branch", branch);

        var push = await work.GitAsync(["push", _git.Url(app, token), branch]);

        Assert.True(push.ExitCode == 0, push.StandardError);
        Assert.Contains($"try 'git push <remote> {branch}:main'", push.StandardError);
        Assert.False(File.Exists(marker));
        Assert.Contains(branch, (await _git.ReportAsync(app)).Branches.Select(b => b.Name));
    }

    [Fact]
    public async Task Destroy_RemovesTheAppsRepo()
    {
        var app = await _git.CreateAppAsync();
        var repo = await _git.RepoPathAsync(app);
        var existed = Directory.Exists(repo);
        using var admin = paasd.SocketClient();

        var destroyed = await admin.DeleteAsync(ApiRoutes.App(app));

        Assert.True(existed);
        Assert.True(destroyed.IsSuccessStatusCode, await destroyed.Content.ReadAsStringAsync());
        Assert.False(Directory.Exists(repo));
    }

    private async Task<string> RevokedTokenAsync()
    {
        var name = "revoked" + Guid.NewGuid().ToString("N")[..8];
        var token = await paasd.CreateTokenAsync(name);
        using var admin = paasd.SocketClient();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(ApiRoutes.Token(name))).StatusCode);
        return token;
    }
}
