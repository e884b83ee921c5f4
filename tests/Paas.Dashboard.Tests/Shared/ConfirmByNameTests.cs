using Bunit;
using Paas.Dashboard.Shared;

namespace Paas.Dashboard.Tests.Shared;

public sealed class ConfirmByNameTests : DashboardTestContext
{
    [Fact]
    public void TheButton_StaysDisabled_UntilTheExactNameIsTyped()
    {
        var confirmed = 0;
        var cut = Render<ConfirmByName>(p => p
            .Add(c => c.Name, "shop-api")
            .Add(c => c.Action, "Destroy")
            .Add(c => c.OnConfirmed, () => confirmed++));

        var button = () => cut.Find("button.confirm-button");
        Assert.True(button().HasAttribute("disabled"));
        foreach (var wrong in new[] { "shop", "Shop-api", "shop-api ", " shop-api" })
        {
            cut.Find(".confirm-name input").Input(wrong);
            Assert.True(button().HasAttribute("disabled"), $"'{wrong}' must not confirm");
        }

        cut.Find(".confirm-name input").Input("shop-api");
        Assert.False(button().HasAttribute("disabled"));
        button().Click();
        Assert.Equal(1, confirmed);
        Assert.Contains("Destroy shop-api", button().TextContent);
    }
}
