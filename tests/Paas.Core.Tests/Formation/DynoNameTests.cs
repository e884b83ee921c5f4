using Paas.Core.Formation;

namespace Paas.Core.Tests.Formation;

public sealed class DynoNameTests
{
    [Theory]
    [InlineData("web.1")]
    [InlineData("worker.12")]
    [InlineData("my_job-2.3")]
    public void TypeDotNumber_IsAnInstanceName(string dyno) => Assert.True(DynoName.IsValid(dyno));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("web")]
    [InlineData("web.")]
    [InlineData(".1")]
    [InlineData("web-1")]
    [InlineData("web.0")]
    [InlineData("web.01")]
    [InlineData("web.+1")]
    [InlineData("Web.1")]
    [InlineData("web.1\n")]
    [InlineData("../x.1")]
    public void AnythingElse_IsNot_AndTheProblemSaysWhatIs(string? dyno)
    {
        Assert.False(DynoName.IsValid(dyno));
        Assert.Contains("use TYPE.N, for example web.1", DynoName.Problem(dyno));
    }
}
