using Paas.Cli.Http;

namespace Paas.Cli.Tests.InProcess;

public sealed class ProblemTests
{
    [Fact]
    public void Describe_GivesTheDetailThenEveryFieldMessageOnce()
    {
        var problem = new Problem("Validation failed", 400, "config key '1A' is invalid",
            new Dictionary<string, string[]>
            {
                ["set"] = ["config key '1A' is invalid", "config key 'B-C' is invalid"],
            });

        Assert.Equal("config key '1A' is invalid\nconfig key 'B-C' is invalid", problem.Describe());
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
