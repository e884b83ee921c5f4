using System.Net;
using System.Text.RegularExpressions;
using Paas.Cli.Tests.WithPaasd;
using Paas.Core.Contracts;
using Paas.Core.Ssh;
using Paas.Testing;

namespace Paas.Cli.Tests.Ssh;

/// <summary>Plain commands over a real sshd: `ssh paas@HOST COMMAND` runs as the key's user, through the forced command paasd wrote.</summary>
public sealed class SshLoginTests(SshFixture fixture) : IClassFixture<SshFixture>
{
    [Fact]
    public async Task AppsList_OverSsh_ShowsOnlyWhatTheKeysUserMaySee()
    {
        var granted = await fixture.Cli.CreateAppAsync();
        var other = await fixture.Cli.CreateAppAsync();
        var developer = await fixture.CreateDeveloperAsync(granted);
        var (devKey, _) = await fixture.AddKeyAsync(developer);
        var (adminKey, _) = await fixture.AddKeyAsync();

        var asDeveloper = await fixture.Ssh.RunAsync(devKey, "apps:list");
        var asAdmin = await fixture.Ssh.RunAsync(adminKey, "apps:list");

        Assert.True(asDeveloper.ExitCode == 0, Describe(asDeveloper));
        Assert.Contains($"\n{granted}\n", asDeveloper.StandardOutput);
        Assert.DoesNotContain(other, asDeveloper.StandardOutput);
        Assert.True(asAdmin.ExitCode == 0, Describe(asAdmin));
        Assert.Contains($"\n{granted}\n", asAdmin.StandardOutput);
        Assert.Contains($"\n{other}\n", asAdmin.StandardOutput);
    }

    [Fact]
    public async Task ACommandOverSsh_ActsAsTheKeysUser_ForRightsAndTheAuditLog()
    {
        var app = await fixture.Cli.CreateAppAsync();
        var developer = await fixture.CreateDeveloperAsync(app);
        var (key, keyName) = await fixture.AddKeyAsync(developer);
        var hidden = await fixture.Cli.CreateAppAsync();

        var set = await fixture.Ssh.RunAsync(key, $"config:set {app} 'GREETING=hello world'");
        var show = await fixture.Cli.RunAsync("config:get", app, "GREETING");
        var refused = await fixture.Ssh.RunAsync(key, $"config:show {hidden}");
        var events = await fixture.Cli.RunAsync("events", "--app", app, "--format", "json");

        Assert.True(set.ExitCode == 0, Describe(set));
        Assert.Equal("hello world\n", show.Stdout);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"app '{hidden}' does not exist", refused.StandardError);
        Assert.Contains($"\"actor\":\"{developer}\"", events.Stdout.Replace(" ", ""));
        Assert.Contains($"ssh:{keyName}", events.Stdout);
    }

    [Fact]
    public async Task ADeveloper_OverSsh_SeesOnlyTheirOwnKeys_AndCannotAddKeysForOthers()
    {
        var developer = await fixture.CreateDeveloperAsync();
        var (key, name) = await fixture.AddKeyAsync(developer);
        var (_, adminKeyName) = await fixture.AddKeyAsync();
        var extra = await fixture.Ssh.CreateClientKeyAsync("extra");
        var publicKey = (await File.ReadAllTextAsync(extra + ".pub")).Trim();

        var listed = await fixture.Ssh.RunAsync(key, "ssh-keys:list");
        var forAdmin = await fixture.Ssh.RunAsync(key, $"ssh-keys:add stolen-{name} '{publicKey}' --user admin");
        var own = await fixture.Ssh.RunAsync(key, $"ssh-keys:add second-{name} -", publicKey + "\n");
        var removeAdmins = await fixture.Ssh.RunAsync(key, $"ssh-keys:remove {adminKeyName}");

        Assert.True(listed.ExitCode == 0, Describe(listed));
        Assert.Contains(name, listed.StandardOutput);
        Assert.DoesNotContain(adminKeyName, listed.StandardOutput);
        Assert.Equal(1, forAdmin.ExitCode);
        Assert.Contains("only administrators can add SSH keys for other users", forAdmin.StandardError);
        Assert.True(own.ExitCode == 0, Describe(own));
        Assert.Contains($"Added SSH key second-{name} for {developer}", own.StandardOutput);
        Assert.Equal(1, removeAdmins.ExitCode);
        Assert.Contains($"SSH key '{adminKeyName}' does not exist", removeAdmins.StandardError);
    }

    [Fact]
    public async Task NoCommand_PrintsHelp_NamingTheKeysUser()
    {
        var (key, name) = await fixture.AddKeyAsync();

        var result = await fixture.Ssh.RunAsync(key, null);

        Assert.True(result.ExitCode == 0, Describe(result));
        Assert.Contains($"you are admin (key {name})", result.StandardOutput);
        Assert.Contains("  apps:list ", result.StandardOutput);
        Assert.DoesNotContain("ssh-command", result.StandardOutput);
    }

    [Fact]
    public async Task AKeyPaasdNeverAdded_IsRefusedBySshd()
    {
        var stranger = await fixture.Ssh.CreateClientKeyAsync("stranger");

        var result = await fixture.Ssh.RunAsync(stranger, "apps:list");

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.StandardError);
    }

    [Fact]
    public async Task ARemovedKey_StopsWorking_AndLeavesAuthorizedKeys()
    {
        var (key, name) = await fixture.AddKeyAsync();
        var before = await fixture.Ssh.RunAsync(key, "apps:list");

        var removed = await fixture.Cli.RunAsync("ssh-keys:remove", name);
        var after = await fixture.Ssh.RunAsync(key, "apps:list");

        Assert.True(before.ExitCode == 0, Describe(before));
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Equal(255, after.ExitCode);
        Assert.DoesNotContain(name, await File.ReadAllTextAsync(fixture.Ssh.AuthorizedKeysPath));
    }

    [Fact]
    public async Task TheForcedCommand_RefusesAKeyIdPaasdDoesNotKnow_AndRunsNothing()
    {
        var app = PaasdCli.UniqueName("never");

        // What sshd would run from a stale authorized_keys line: the key id no longer exists in paasd's state.
        var result = await ProcessRunner.RunAsync(fixture.Paasd.PaasPath, ["ssh-command", "--socket", fixture.Paasd.SocketPath, "987654321"],
            new Dictionary<string, string?> { ["SSH_ORIGINAL_COMMAND"] = $"apps:create {app}", ["PAAS_URL"] = null });
        var apps = await fixture.Cli.RunAsync("apps:list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SSH key 987654321 is unknown or was removed", result.StandardError);
        Assert.DoesNotContain(app, apps.Stdout);
    }

    [Theory]
    [InlineData("git-receive-pack 'x; touch {0}'", "does not name an app")]
    [InlineData("apps:list; touch {0}", "shell operator ;")]
    [InlineData("apps:create $(touch {0})", "uses $")]
    [InlineData("apps:create `touch {0}`", "uses `")]
    [InlineData("apps:list | tee {0}", "shell operator |")]
    [InlineData("apps:list > {0}", "shell operator >")]
    [InlineData("rm -rf {0}", "rm")]
    [InlineData("ssh-command 1", "ssh-command is what sshd runs")]
    public async Task AHostileCommand_IsRefused_AndRunsNothing(string template, string expected)
    {
        var (key, _) = await fixture.AddKeyAsync();
        var marker = Path.Combine(Path.GetTempPath(), "paas-pwn-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(marker + ".keep", "");
        try
        {
            var command = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, marker);
            // rm names a file that must survive.
            if (template.StartsWith("rm", StringComparison.Ordinal)) command = $"rm -rf {marker}.keep";

            var result = await fixture.Ssh.RunAsync(key, command);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains(expected, result.StandardError);
            Assert.False(File.Exists(marker), "the hostile command created " + marker);
            Assert.True(File.Exists(marker + ".keep"), "the hostile command removed " + marker + ".keep");
        }
        finally
        {
            File.Delete(marker);
            File.Delete(marker + ".keep");
        }
    }

    [Fact]
    public async Task OverSsh_ImagesCannotReadOrWriteFilesOfTheHost()
    {
        var (key, _) = await fixture.AddKeyAsync();
        var target = Path.Combine(Path.GetTempPath(), "paas-export-" + Guid.NewGuid().ToString("N"));

        var export = await fixture.Ssh.RunAsync(key, $"images:export some/image:1 -o {target}");
        var import = await fixture.Ssh.RunAsync(key, "images:import /etc/shadow");

        Assert.Equal(2, export.ExitCode);
        Assert.Contains("would be a file on the paas host", export.StandardError);
        Assert.False(File.Exists(target));
        Assert.Equal(2, import.ExitCode);
        Assert.Contains("would be a file on the paas host", import.StandardError);
    }

    [Fact]
    public async Task AuthorizedKeys_ForcesTheCommandWithRestrict_Mode0600_OwnedByTheSshUser()
    {
        var (key, name) = await fixture.AddKeyAsync();
        var publicKey = (await File.ReadAllTextAsync(key + ".pub")).Split(' ');

        var path = fixture.Ssh.AuthorizedKeysPath;
        var line = (await File.ReadAllLinesAsync(path)).Single(l => l.EndsWith(" " + name, StringComparison.Ordinal));
        var owner = await ProcessRunner.RunCheckedAsync("stat", "-c", "%U:%G %a", path);

        Assert.Matches(
            "^" + Regex.Escape($"command=\"{fixture.Paasd.PaasPath} ssh-command --socket {fixture.Paasd.SocketPath} ") + "[0-9]+"
            + Regex.Escape($"\",restrict,pty {publicKey[0]} {publicKey[1]} {name}") + "$",
            line);
        Assert.Equal($"{fixture.Ssh.User}:{fixture.Ssh.User} 600\n", owner.StandardOutput);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, ".authorized_keys.*"));
    }

    [Fact]
    public async Task AuthorizedKeys_IsRewrittenFromTheState_WhenPaasdStarts()
    {
        var (_, name) = await fixture.AddKeyAsync();
        await File.WriteAllTextAsync(fixture.Ssh.AuthorizedKeysPath, "# edited by hand\n");

        await fixture.Paasd.RestartAsync();

        Assert.Contains(" " + name + "\n", await File.ReadAllTextAsync(fixture.Ssh.AuthorizedKeysPath));
    }

    [Fact]
    public async Task TheSshKeyHeader_IsRefusedOverTcp()
    {
        var (key, _) = await fixture.AddKeyAsync();
        var id = (await File.ReadAllLinesAsync(fixture.Ssh.AuthorizedKeysPath)).Select(SshKeyId).First(i => i is not null);
        using var withHeader = fixture.Paasd.TcpClient();
        withHeader.DefaultRequestHeaders.Add(SshGitWire.KeyHeader, id);
        using var withToken = fixture.Paasd.TcpClient(await fixture.Paasd.CreateTokenAsync());

        using var list = await withHeader.GetAsync(ApiRoutes.Apps);
        using var session = await withToken.GetAsync(ApiRoutes.SshSessionKey);

        Assert.NotNull(key);
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Contains("accepted on paasd's local socket only", await list.Content.ReadAsStringAsync());
        // The SSH endpoints do not exist on TCP at all.
        Assert.Equal(HttpStatusCode.NotFound, session.StatusCode);
    }

    private static string? SshKeyId(string line) =>
        line.StartsWith("command=", StringComparison.Ordinal) ? line.Split('"')[1].Split(' ')[^1] : null;

    private string Describe(ProcessRunner.Result result) =>
        $"exit {result.ExitCode}\n--- stdout ---\n{result.StandardOutput}\n--- stderr ---\n{result.StandardError}\n--- sshd ---\n{fixture.Ssh.Log}";
}
