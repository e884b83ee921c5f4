using Paas.Proxy.Forwarding;

namespace Paas.Proxy.Tests.Units;

public sealed class RequestIdTests
{
    [Theory]
    [InlineData("8601b555-6a83-4c12-8269-97c8e32cdb22", true)]
    [InlineData("abcdefghijklmnopqrst", true)]
    [InlineData("a+b/c=d_e.f:g-h+i/j=k", true)]
    [InlineData("short", false)]
    [InlineData("has space in it 0123456789", false)]
    [InlineData("<script>alert(1)</script>", false)]
    [InlineData("quote\"quote\"quote\"quote", false)]
    public void IsSane_FollowsHerokusRule(string id, bool sane) => Assert.Equal(sane, RequestId.IsSane(id));

    [Fact]
    public void IsSane_RefusesMoreThan200Characters()
    {
        Assert.True(RequestId.IsSane(new string('a', 200)));
        Assert.False(RequestId.IsSane(new string('a', 201)));
    }

    [Fact]
    public void New_GivesDistinctUuids()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => RequestId.New()).ToList();

        Assert.All(ids, id => Assert.True(Guid.TryParse(id, out _) && RequestId.IsSane(id), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
