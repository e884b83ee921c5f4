using System.Text.Json;
using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

/// <summary>users:*, apps:grant|revoke|grants and tokens:create --user through the published paas.</summary>
[Collection(PaasdCollection.Name)]
public sealed class UsersCommandTests(PaasdFixture paasd)
{
    private readonly PaasdCli _cli = new(paasd);

    private static string UniqueUser() => $"u{Guid.NewGuid():N}"[..14];

    [Fact]
    public async Task UsersAdd_GeneratesAPasswordShownOnce_AndUsersListShowsTheUser()
    {
        var name = UniqueUser();

        var added = await _cli.RunAsync("users:add", name);
        var list = await _cli.RunAsync("users:list");
        var json = await _cli.RunAsync("users:list", "--format", "json");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.StartsWith($"-----> Added user {name} (developer)\n       Password: ", added.Stdout);
        var password = added.Stdout.Split("Password: ")[1].Split(' ')[0];
        Assert.True(password.Length >= 20, password);
        Assert.Matches($@"\n {{7}}{name}\s+developer\s+set\s+0\s+0\s+none\s", list.Stdout);
        Assert.DoesNotContain(password, list.Stdout);
        var users = JsonDocument.Parse(json.Stdout).RootElement.EnumerateArray().Select(u => u.GetProperty("name").GetString()).ToList();
        Assert.Contains(name, users);
        Assert.Contains("admin", users);
    }

    [Fact]
    public async Task UsersAdd_WithPasswordStdin_TakesTheFirstLine_AndRefusesBadInput()
    {
        var name = UniqueUser();

        var added = await _cli.RunWithInputAsync("a-long-enough-password\n", "users:add", name, "--role", "admin", "--password-stdin");
        var again = await _cli.RunAsync("users:add", name);
        var badRole = await _cli.RunAsync("users:add", UniqueUser(), "--role", "root");
        var badName = await _cli.RunAsync("users:add", "Not Valid");
        var shortPassword = await _cli.RunWithInputAsync("short\n", "users:add", UniqueUser(), "--password-stdin");
        var noArguments = await _cli.RunAsync("users:add");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Equal($"-----> Added user {name} (admin)\n", added.Stdout);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Stderr);
        Assert.Equal(1, badRole.ExitCode);
        Assert.Contains("role 'root' is invalid", badRole.Stderr);
        Assert.Equal(1, badName.ExitCode);
        Assert.Contains("user name 'Not Valid' is invalid", badName.Stderr);
        Assert.Equal(1, shortPassword.ExitCode);
        Assert.Contains("too short", shortPassword.Stderr);
        Assert.Equal(2, noArguments.ExitCode);
    }

    [Fact]
    public async Task UsersPasswd_Generates_OrReadsStdin()
    {
        var name = UniqueUser();
        await _cli.RunAsync("users:add", name);

        var generated = await _cli.RunAsync("users:passwd", name);
        var given = await _cli.RunWithInputAsync("another-good-password\n", "users:passwd", name, "--password-stdin");
        var unknown = await _cli.RunAsync("users:passwd", "nobody-like-this");

        Assert.True(generated.ExitCode == 0, generated.ToString());
        Assert.StartsWith($"-----> Changed the password of {name}\n       Password: ", generated.Stdout);
        Assert.Equal($"-----> Changed the password of {name}\n", given.Stdout);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("does not exist", unknown.Stderr);
    }

    [Fact]
    public async Task UsersRemove_AsksForTheName_UnlessForced_AndTheAdminStays()
    {
        var name = UniqueUser();
        await _cli.RunAsync("users:add", name);

        var wrong = await _cli.RunWithInputAsync("someone-else\n", "users:remove", name);
        var confirmed = await _cli.RunWithInputAsync(name + "\n", "users:remove", name);
        var gone = await _cli.RunAsync("users:remove", name, "--force");
        var admin = await _cli.RunAsync("users:remove", "admin", "--force");

        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("Confirmation did not match", wrong.Stderr);
        Assert.True(confirmed.ExitCode == 0, confirmed.ToString());
        Assert.Equal($"-----> Removed user {name}\n", confirmed.Stdout);
        Assert.Equal(1, gone.ExitCode);
        Assert.Equal(1, admin.ExitCode);
        Assert.Contains("cannot be removed", admin.Stderr);
    }

    [Fact]
    public async Task AppsGrant_LetsTheDevelopersTokenSeeTheApp_AndRevokeTakesItBack()
    {
        var app = await _cli.CreateAppAsync();
        var name = UniqueUser();
        await _cli.RunAsync("users:add", name);
        var created = await _cli.RunAsync("tokens:create", PaasdCli.UniqueName("dev"), "--user", name);
        var token = created.Stdout.TrimEnd('\n');

        var before = await _cli.RunRemoteAsync(token, "apps:report", app);
        var grant = await _cli.RunAsync("apps:grant", app, name);
        var grants = await _cli.RunAsync("apps:grants", app);
        var grantsJson = await _cli.RunAsync("apps:grants", app, "--format", "json");
        var granted = await _cli.RunRemoteAsync(token, "apps:report", app);
        var tokens = await _cli.RunAsync("tokens:list");
        var revoke = await _cli.RunAsync("apps:revoke", app, name);
        var after = await _cli.RunRemoteAsync(token, "apps:list");
        var developerGrants = await _cli.RunRemoteAsync(token, "apps:grant", app, name);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains($"for {name}", created.Stderr);
        Assert.Equal(1, before.ExitCode);
        Assert.Contains($"app '{app}' does not exist", before.Stderr);
        Assert.Equal($"-----> Granted {app} to {name}\n", grant.Stdout);
        Assert.Equal($"=====> {app} grants\n       {name}\n", grants.Stdout);
        Assert.Equal(name, JsonDocument.Parse(grantsJson.Stdout).RootElement[0].GetProperty("user").GetString());
        Assert.True(granted.ExitCode == 0, granted.ToString());
        Assert.Matches($@"\n {{7}}dev-\S+\s+{name}\s", tokens.Stdout);
        Assert.Equal($"-----> Revoked {app} from {name}\n", revoke.Stdout);
        Assert.DoesNotContain(app, after.Stdout);
        Assert.Equal(1, developerGrants.ExitCode);
        Assert.Contains("only administrators", developerGrants.Stderr);
    }
}
