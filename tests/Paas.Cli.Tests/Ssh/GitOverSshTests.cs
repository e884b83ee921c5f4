using Paas.Testing;

namespace Paas.Cli.Tests.Ssh;

/// <summary>The real git client over a real sshd: the forced command carries git's exchange to paasd as the key's user.</summary>
public sealed class GitOverSshTests(SshFixture fixture) : IClassFixture<SshFixture>, IDisposable
{
    private readonly TestDirectory _work = new("paas-git-ssh-");

    [Fact]
    public async Task PushOfABranch_InBothRemoteForms_StoresIt_AndCloneOverSshReadsItBack()
    {
        var app = await fixture.Cli.CreateAppAsync();
        var (key, _) = await fixture.AddKeyAsync();
        var source = await CreateRepositoryAsync("feature", "other");

        var urlForm = await GitAsync(key, source, "push", $"ssh://{fixture.Ssh.User}@127.0.0.1:{fixture.Ssh.Port}/{app}", "feature");
        var scpForm = await GitAsync(key, source, "push", $"{fixture.Ssh.User}@127.0.0.1:{app}", "other");
        var clone = await GitAsync(key, _work.Path, "clone", $"{fixture.Ssh.User}@127.0.0.1:{app}.git", "clone");
        var commit = (await GitAsync(key, source, "rev-parse", "feature")).StandardOutput.Trim();
        var cloned = await GitAsync(key, _work.Combine("clone"), "for-each-ref", "--format=%(refname) %(objectname)", "refs/remotes/origin");

        Assert.True(urlForm.ExitCode == 0, Describe(urlForm));
        // paasd's pre-receive says, as Dokku does, that only the deploy branch builds.
        Assert.Contains("remote: -----> WARNING: deploy did not complete, you must push to main.", urlForm.StandardError);
        Assert.Contains("* [new branch]      feature -> feature", urlForm.StandardError);
        Assert.True(scpForm.ExitCode == 0, Describe(scpForm));
        Assert.True(clone.ExitCode == 0, Describe(clone));
        Assert.Contains($"refs/remotes/origin/feature {commit}\n", cloned.StandardOutput);
        Assert.Contains("refs/remotes/origin/other ", cloned.StandardOutput);
    }

    [Fact]
    public async Task APush_ToAnAppTheKeysUserWasNotGranted_IsRefused_AndStoresNothing()
    {
        var app = await fixture.Cli.CreateAppAsync();
        var developer = await fixture.CreateDeveloperAsync();
        var (key, _) = await fixture.AddKeyAsync(developer);
        var (adminKey, _) = await fixture.AddKeyAsync();
        var source = await CreateRepositoryAsync("feature");

        var push = await GitAsync(key, source, "push", $"{fixture.Ssh.User}@127.0.0.1:{app}", "feature");
        var refs = await GitAsync(adminKey, source, "ls-remote", $"{fixture.Ssh.User}@127.0.0.1:{app}");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains($"app '{app}' does not exist", push.StandardError);
        Assert.True(refs.ExitCode == 0, Describe(refs));
        Assert.DoesNotContain("refs/heads/feature", refs.StandardOutput);
    }

    [Fact]
    public async Task AppsGrant_LetsTheKeysUserPush_AppsRevoke_AndUsersRemove_StopThem()
    {
        var app = await fixture.Cli.CreateAppAsync();
        var developer = await fixture.CreateDeveloperAsync();
        var (key, _) = await fixture.AddKeyAsync(developer);
        var source = await CreateRepositoryAsync("one", "two", "three");
        var remote = $"{fixture.Ssh.User}@127.0.0.1:{app}";

        await fixture.Cli.RunAsync("apps:grant", app, developer);
        var granted = await GitAsync(key, source, "push", remote, "one");
        await fixture.Cli.RunAsync("apps:revoke", app, developer);
        var revoked = await GitAsync(key, source, "push", remote, "two");
        await fixture.Cli.RunAsync("apps:grant", app, developer);
        var removed = await fixture.Cli.RunAsync("users:remove", developer, "--force");
        var afterRemoval = await GitAsync(key, source, "push", remote, "three");

        Assert.True(granted.ExitCode == 0, Describe(granted));
        Assert.NotEqual(0, revoked.ExitCode);
        Assert.Contains($"app '{app}' does not exist", revoked.StandardError);
        Assert.True(removed.ExitCode == 0, removed.ToString());
        // The key left authorized_keys with its user: sshd no longer lets it in at all.
        Assert.NotEqual(0, afterRemoval.ExitCode);
        Assert.Contains("Permission denied", afterRemoval.StandardError);
    }

    [Fact]
    public async Task APushAsADeveloper_IsRecordedAsThatUser()
    {
        var app = await fixture.Cli.CreateAppAsync();
        var developer = await fixture.CreateDeveloperAsync(app);
        var (key, keyName) = await fixture.AddKeyAsync(developer);
        var source = await CreateRepositoryAsync("topic");

        var push = await GitAsync(key, source, "push", $"{fixture.Ssh.User}@127.0.0.1:{app}", "topic");
        var events = await fixture.Cli.RunAsync("events", "--app", app, "--format", "json");

        Assert.True(push.ExitCode == 0, Describe(push));
        var compact = events.Stdout.Replace(" ", "");
        Assert.Contains("\"action\":\"git.push\"", compact);
        Assert.Contains($"\"actor\":\"{developer}\"", compact);
        Assert.Contains($"ssh:{keyName}", events.Stdout);
    }

    [Theory]
    [InlineData("null-app", "Null")]
    [InlineData("procfile-app", "Procfile")]
    [InlineData("static-app", "Static HTML")]
    [InlineData("python-app", "Python")]
    [InlineData("go-app", "Go")]
    [InlineData("node-app", "Node.js")]
    public async Task APushOfTheDeployBranch_IsBuiltAndReleased_WithTheOutputStreamedOverSsh(string sample, string detected)
    {
        // The host stack: its build needs no download (a stack that exists already is fine).
        await fixture.Cli.RunAsync("stacks:create", "host", "--from", "host");
        var app = await fixture.Cli.CreateAppAsync();
        var (key, _) = await fixture.AddKeyAsync();
        using var work = await SampleApps.CheckOutAsync(sample);
        await work.CommitAsync("first");

        var push = await GitAsync(key, work.Path, "push", $"{fixture.Ssh.User}@127.0.0.1:{app}", "main");
        var releases = await fixture.Cli.RunAsync("releases", app);

        Assert.True(push.ExitCode == 0, Describe(push));
        Assert.Contains($"remote: -----> {detected} app detected", push.StandardError);
        Assert.Contains("remote: =====> Application released as v1", push.StandardError);
        Assert.Contains("v1", releases.Stdout);
    }

    public void Dispose() => _work.Dispose();

    private async Task<string> CreateRepositoryAsync(params string[] branches)
    {
        var path = _work.Combine("src-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        await ProcessRunner.RunCheckedAsync("git", "-C", path, "init", "-q", "-b", branches[0]);
        await File.WriteAllTextAsync(Path.Combine(path, "Procfile"), "web: ./serve\n");
        await ProcessRunner.RunCheckedAsync("git", "-C", path, "add", "Procfile");
        await ProcessRunner.RunCheckedAsync("git", "-C", path, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "first");
        foreach (var branch in branches.Skip(1))
            await ProcessRunner.RunCheckedAsync("git", "-C", path, "branch", branch);
        return path;
    }

    private Task<ProcessRunner.Result> GitAsync(string key, string directory, params string[] args) =>
        ProcessRunner.RunAsync("git", ["-C", directory, .. args], new Dictionary<string, string?>
        {
            ["GIT_SSH_COMMAND"] = fixture.Ssh.GitSshCommand(key),
            ["SSH_AUTH_SOCK"] = null,
            ["GIT_TERMINAL_PROMPT"] = "0",
        }, timeout: TimeSpan.FromSeconds(90));

    private string Describe(ProcessRunner.Result result) =>
        $"exit {result.ExitCode}\n--- stdout ---\n{result.StandardOutput}\n--- stderr ---\n{result.StandardError}\n--- sshd ---\n{fixture.Ssh.Log}\n--- paasd ---\n{fixture.Paasd.Log}";
}
