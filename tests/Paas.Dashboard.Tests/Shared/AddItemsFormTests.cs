using Paas.Dashboard.Shared;

namespace Paas.Dashboard.Tests.Shared;

public sealed class AddItemsFormTests : DashboardTestContext
{
    [Fact]
    public void SeveralItems_AreAddedInOneCall_AndTheFieldEmptiesWhenTheyWere()
    {
        IReadOnlyList<string>? added = null;
        var cut = Render<AddItemsForm>(p => p
            .Add(f => f.Label, "Domains")
            .Add(f => f.OnAdd, (AddItems add) => { added = add.Items; add.Accepted = true; }));
        Assert.True(cut.Find("button.add-items-button").HasAttribute("disabled"));

        cut.Find(".add-items-input input").Input("a.example, b.example  c.example");
        cut.Find("button.add-items-button").Click();

        cut.WaitForAssertion(() => Assert.Equal(["a.example", "b.example", "c.example"], added));
        cut.WaitForAssertion(() => Assert.Equal("", cut.Find(".add-items-input input").GetAttribute("value")));
    }
}
