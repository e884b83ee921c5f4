using Paas.Core.Checks;

namespace Paas.Core.Tests.Checks;

public sealed class ProcessTypeSelectionTests
{
    [Fact]
    public void AList_GrowsAndShrinks_AndRoundTripsThroughItsStoredText()
    {
        var selection = ProcessTypeSelection.None.With(["worker", "web", "web"]);

        Assert.Equal("web,worker", selection.ToString());
        Assert.True(selection.Contains("web"));
        Assert.False(selection.Contains("clock"));
        Assert.Equal(selection, ProcessTypeSelection.FromStored(selection.ToStored()));
        Assert.Equal("worker", selection.Without(["web"]).ToString());
        Assert.True(selection.Without(["web", "worker"]).IsNone);
        Assert.Equal("none", ProcessTypeSelection.FromStored(null).ToString());
    }

    [Fact]
    public void All_CanExceptSomeTypes_WhichDokkuCouldNot()
    {
        var allButWeb = ProcessTypeSelection.All.Without(["web"]);

        Assert.Equal("_all_", ProcessTypeSelection.All.ToString());
        Assert.Equal("_all_ except web", allButWeb.ToString());
        Assert.False(allButWeb.Contains("web"));
        Assert.True(allButWeb.Contains("worker"));
        Assert.Equal("_all_,-web", allButWeb.ToStored());
        Assert.Equal(allButWeb, ProcessTypeSelection.FromStored("_all_,-web"));
        Assert.Equal(ProcessTypeSelection.All, allButWeb.With(["web"]));
    }
}
