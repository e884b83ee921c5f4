using System.Text.Json;
using Paas.Core.Apps;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

[Collection(PaasdCollection.Name)]
public sealed class AppsCommandTests(PaasdFixture paasd)
{
    private readonly PaasdCli _cli = new(paasd);

    [Fact]
    public async Task Create_ThenList_ShowsTheApp_AsTextAndAsJson()
    {
        var name = PaasdCli.UniqueName();

        var created = await _cli.RunAsync("apps:create", name);
        var text = await _cli.RunAsync("apps:list");
        var json = await _cli.RunAsync("apps:list", "--format", "json");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal($"-----> Created {name}\n", created.Stdout);
        Assert.StartsWith("=====> My Apps\n", text.Stdout);
        Assert.Contains($"\n{name}\n", text.Stdout);
        Assert.Equal(0, json.ExitCode);
        var apps = JsonSerializer.Deserialize<App[]>(json.Stdout, ApiJson.Lenient)!;
        Assert.Contains(apps, a => a.Name == name && !a.Locked && a.CurrentRelease is null);
    }

    [Fact]
    public async Task Create_InvalidName_ExitsOne_NamingTheRule()
    {
        var result = await _cli.RunAsync("apps:create", "Not_Valid");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith(" !     ", result.Stderr);
        Assert.Contains("Not_Valid", result.Stderr);
        Assert.Contains(AppName.Rule, result.Stderr);
    }

    [Fact]
    public async Task Create_ExistingName_ExitsOne()
    {
        var name = await _cli.CreateAppAsync();

        var result = await _cli.RunInProcessAsync("apps:create", name);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(name, result.Stderr);
    }

    [Theory]
    [InlineData("apps:info")]
    [InlineData("apps:report")]
    [InlineData("config:show")]
    [InlineData("domains:list")]
    [InlineData("ports:list")]
    [InlineData("storage:list")]
    [InlineData("storage:report")]
    [InlineData("ps:scale")]
    [InlineData("resource:limit")]
    [InlineData("releases")]
    [InlineData("apps:lock")]
    [InlineData("apps:destroy")]
    public async Task UnknownApp_ExitsOne_NamingIt(string command)
    {
        var name = PaasdCli.UniqueName("ghost");

        var result = await _cli.RunInProcessAsync(command, name);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains($"'{name}'", result.Stderr);
    }

    [Fact]
    public async Task Report_AsJson_IsTheApiReport()
    {
        var name = await _cli.CreateAppAsync();

        var result = await _cli.RunInProcessAsync("apps:report", name, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonSerializer.Deserialize<AppReport>(result.Stdout, ApiJson.Lenient)!;
        Assert.Equal(name, report.Name);
        Assert.Equal(["http:80:5000"], report.Ports.Select(p => p.ToString()));
    }

    [Fact]
    public async Task Report_AsText_HasDokkuHeaderAndFields()
    {
        var name = await _cli.CreateAppAsync();

        var result = await _cli.RunInProcessAsync("apps:report", name);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"=====> {name} app information\n", result.Stdout);
        Assert.Contains("       App locked:", result.Stdout);
        Assert.Contains("http:80:5000", result.Stdout);
    }

    [Fact]
    public async Task Rename_MovesTheApp_ToItsNewName()
    {
        var name = await _cli.CreateAppAsync();
        var newName = PaasdCli.UniqueName("renamed");

        var renamed = await _cli.RunInProcessAsync("apps:rename", name, newName);
        var oldInfo = await _cli.RunInProcessAsync("apps:info", name);
        var newInfo = await _cli.RunInProcessAsync("apps:info", newName);

        Assert.True(renamed.ExitCode == 0, renamed.ToString());
        Assert.Equal(1, oldInfo.ExitCode);
        Assert.Equal(0, newInfo.ExitCode);
    }

    [Fact]
    public async Task LockThenUnlock_IsShownByInfo()
    {
        var name = await _cli.CreateAppAsync();

        await _cli.RunInProcessAsync("apps:lock", name);
        var locked = await _cli.RunInProcessAsync("apps:info", name);
        await _cli.RunInProcessAsync("apps:unlock", name);
        var unlocked = await _cli.RunInProcessAsync("apps:info", name);

        Assert.Matches(@"Locked:\s+yes", locked.Stdout);
        Assert.Matches(@"Locked:\s+no", unlocked.Stdout);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("something-else\n")]
    public async Task Destroy_WithoutForce_AndWithoutTheNameTyped_AbortsAndKeepsTheApp(string? typed)
    {
        var name = await _cli.CreateAppAsync();

        var result = await _cli.RunWithInputAsync(typed, "apps:destroy", name);
        var info = await _cli.RunAsync("apps:info", name);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"To proceed, type \"{name}\"", result.Stderr);
        Assert.Contains("Aborted", result.Stderr);
        Assert.Equal(0, info.ExitCode);
    }

    [Fact]
    public async Task Destroy_WithTheNameTyped_DestroysTheApp()
    {
        var name = await _cli.CreateAppAsync();

        var result = await _cli.RunWithInputAsync(name + "\n", "apps:destroy", name);
        var info = await _cli.RunAsync("apps:info", name);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"-----> Destroyed {name}\n", result.Stdout);
        Assert.Equal(1, info.ExitCode);
    }

    [Fact]
    public async Task Destroy_WithForce_DoesNotAsk()
    {
        var name = await _cli.CreateAppAsync();

        var result = await _cli.RunAsync("apps:destroy", name, "--force");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("To proceed", result.Stderr);
        Assert.Equal(1, (await _cli.RunAsync("apps:info", name)).ExitCode);
    }
}
