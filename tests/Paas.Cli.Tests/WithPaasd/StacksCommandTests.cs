using System.Text.Json;
using Paas.Cli.Commands.Stacks;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

/// <summary>stacks:* against paasd: host stacks only, as a debootstrap stack takes minutes.</summary>
[Collection(PaasdCollection.Name)]
public sealed class StacksCommandTests(PaasdFixture paasd)
{
    private readonly PaasdCli _cli = new(paasd);

    private static string UniqueStack() => "s" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task CreateFromHost_ThenList_ShowsIt_MarkedAsDefaultOnceChosen()
    {
        var name = UniqueStack();

        var created = await _cli.RunAsync("stacks:create", name, "--from", "host");
        var chosen = await _cli.RunAsync("stacks:default", name);
        var text = await _cli.RunAsync("stacks:list");
        var json = await _cli.RunInProcessAsync("stacks:list", "--format", "json");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.StartsWith($"-----> Creating stack {name} from host\n-----> Created stack {name} (stack/{name})", created.Stdout);
        Assert.True(chosen.ExitCode == 0, chosen.ToString());
        Assert.Equal($"-----> Default stack is now {name}\n", chosen.Stdout);
        Assert.StartsWith("=====> Stacks\n", text.Stdout);
        Assert.Matches($@"\n       {name}{System.Text.RegularExpressions.Regex.Escape(StacksListCommand.DefaultMarker)}\s+host\s+stack/{name}\s", text.Stdout);
        var stacks = JsonSerializer.Deserialize<StackView[]>(json.Stdout, ApiJson.Lenient)!;
        Assert.Single(stacks, s => s.IsDefault);
        Assert.True(stacks.Single(s => s.Name == name).IsDefault);
    }

    [Fact]
    public async Task Default_OfAnUnknownStack_ExitsOne_NamingIt()
    {
        var name = UniqueStack();

        var result = await _cli.RunInProcessAsync("stacks:default", name);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains($"stack '{name}' does not exist", result.Stderr);
    }

    [Theory]
    [InlineData("Bad_Name", "host", "lower-case letter")]
    [InlineData("good-name", "docker", "'docker' is unknown: use 'debootstrap'")]
    public async Task Create_WithABadNameOrSource_ExitsOne_WithTheRule(string name, string from, string rule)
    {
        var result = await _cli.RunAsync("stacks:create", name, "--from", from);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(rule, result.Stderr);
        Assert.StartsWith(" !     ", result.Stderr);
    }

    [Fact]
    public async Task Delete_AsksForTheName_AndWithItDeletesTheStack()
    {
        var name = UniqueStack();
        var other = UniqueStack();
        Assert.Equal(0, (await _cli.RunInProcessAsync("stacks:create", name, "--from", "host")).ExitCode);
        // The first stack paasd ever has becomes the default, which cannot be deleted.
        Assert.Equal(0, (await _cli.RunInProcessAsync("stacks:create", other, "--from", "host")).ExitCode);
        Assert.Equal(0, (await _cli.RunInProcessAsync("stacks:default", other)).ExitCode);

        var refused = await _cli.RunWithInputAsync("wrong\n", "stacks:delete", name);
        var deleted = await _cli.RunWithInputAsync(name + "\n", "stacks:delete", name);
        var list = await _cli.RunInProcessAsync("stacks:list");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"To proceed, type \"{name}\"", refused.Stderr);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal($"-----> Deleted stack {name}\n", deleted.Stdout);
        Assert.DoesNotContain(name, list.Stdout);
    }

    [Fact]
    public async Task Delete_OfTheDefaultStack_ExitsOne_SayingToChooseAnother()
    {
        var name = UniqueStack();
        Assert.Equal(0, (await _cli.RunInProcessAsync("stacks:create", name, "--from", "host")).ExitCode);
        Assert.Equal(0, (await _cli.RunInProcessAsync("stacks:default", name)).ExitCode);

        var result = await _cli.RunInProcessAsync("stacks:delete", name, "--force");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("stacks:default", result.Stderr);
    }

    [Fact]
    public async Task Delete_OfAnUnknownStack_ExitsOne_BeforeAsking()
    {
        var name = UniqueStack();

        var result = await _cli.RunInProcessAsync("stacks:delete", name);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("To proceed", result.Stderr);
        Assert.Contains($"stack '{name}' does not exist", result.Stderr);
    }
}
