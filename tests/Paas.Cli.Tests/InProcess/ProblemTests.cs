using Paas.Cli.Http;

namespace Paas.Cli.Tests.InProcess;

public sealed class ProblemTests
{
    [Fact]
    public void Describe_ListsEveryFieldMessageOnce_WhenTheDetailOnlyJoinsThem()
    {
        var problem = new Problem("Validation failed", 400, "key '1A' is invalid; key 'B-C' is invalid",
            new Dictionary<string, string[]>
            {
                ["set"] = ["key '1A' is invalid", "key 'B-C' is invalid"],
                ["unset"] = ["key '1A' is invalid"],
            });

        Assert.Equal("key '1A' is invalid\nkey 'B-C' is invalid", problem.Describe());
    }

    [Fact]
    public void Describe_KeepsADetailThatSaysMore_BeforeTheFieldMessages()
    {
        var problem = new Problem("Bad request", 400, "the body is not valid JSON",
            new Dictionary<string, string[]> { ["name"] = ["name is required"] });

        Assert.Equal("the body is not valid JSON\nname is required", problem.Describe());
    }

    [Fact]
    public void Describe_GivesTheDetail_WhenThereAreNoFieldMessages()
    {
        Assert.Equal("app 'x' does not exist", new Problem("Not Found", 404, "app 'x' does not exist", null).Describe());
    }

    [Fact]
    public void Describe_FallsBackToTheTitle()
    {
        Assert.Equal("Conflict", new Problem("Conflict", 409, null, null).Describe());
    }

    [Fact]
    public void Describe_IsNullWhenTheProblemSaysNothing()
    {
        Assert.Null(new Problem(null, 500, " ", null).Describe());
    }
}
