using Paas.Core.Git;

namespace Paas.Core.Tests;

public sealed class DeployBranchTests
{
    [Fact]
    public void Unset_IsMain_ForAnEmptyRepo() => Assert.Equal("main", DeployBranch.Resolve(null, [], []));

    [Fact]
    public void Unset_IsMaster_WhenTheRepoHasMasterAndNoMain() => Assert.Equal("master", DeployBranch.Resolve(null, ["master", "dev"], []));

    [Fact]
    public void Unset_IsMaster_WhenTheFirstPushBringsMasterOnly() => Assert.Equal("master", DeployBranch.Resolve(null, [], ["master"]));

    [Fact]
    public void Unset_IsMain_AsSoonAsMainExists()
    {
        Assert.Equal("main", DeployBranch.Resolve(null, ["master", "main"], []));
        Assert.Equal("main", DeployBranch.Resolve(null, ["master"], ["main"]));
    }

    [Fact]
    public void Set_Wins_WhateverTheRepoHolds() => Assert.Equal("production", DeployBranch.Resolve("production", ["main", "master"], ["main"]));

    [Theory]
    [InlineData("main")]
    [InlineData("release/v2.1")]
    [InlineData("feature_x-1")]
    [InlineData("x$(touch${IFS}y)")]
    public void Problem_IsNull_ForNamesGitAccepts(string name) => Assert.Null(DeployBranch.Problem(name));

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("a b")]
    [InlineData("-x")]
    [InlineData("x/")]
    [InlineData("/x")]
    [InlineData("a//b")]
    [InlineData("x.")]
    [InlineData("x.lock")]
    [InlineData("a/.hidden")]
    [InlineData("a@{1}")]
    [InlineData("@")]
    [InlineData("a~1")]
    [InlineData("a^")]
    [InlineData("a:b")]
    [InlineData("a?")]
    [InlineData("a*")]
    [InlineData("a[b")]
    [InlineData("a\\b")]
    [InlineData("a\tb")]
    public void Problem_SaysWhy_ForNamesGitRefuses(string name)
    {
        var problem = DeployBranch.Problem(name);

        Assert.NotNull(problem);
        Assert.Contains("for example main", problem);
    }

    [Fact]
    public async Task Problem_AgreesWithGitCheckRefFormat()
    {
        string[] names = ["main", "a..b", "x.lock", "-x", "a@{1}", "release/v2", "a/.b", "x$(y)", "a//b", "a~", "ok.", "q?"];
        foreach (var name in names)
        {
            var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git") { ArgumentList = { "check-ref-format", "--branch", name }, RedirectStandardOutput = true, RedirectStandardError = true })!;
            await git.WaitForExitAsync();
            Assert.True((git.ExitCode == 0) == (DeployBranch.Problem(name) is null), $"git and DeployBranch disagree on '{name}'");
        }
    }
}
