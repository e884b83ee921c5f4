using Bunit;
using Paas.Dashboard.Shared;

namespace Paas.Dashboard.Tests.Shared;

public sealed class MaskedValueTests : DashboardTestContext
{
    [Fact]
    public void TheValue_IsNotInThePage_UntilRevealed_AndHiddenAgain()
    {
        var cut = Render<MaskedValue>(p => p.Add(m => m.Value, "s3cr3t-value"));

        Assert.DoesNotContain("s3cr3t-value", cut.Markup);
        cut.Find("button[aria-label=Reveal]").Click();
        Assert.Equal("s3cr3t-value", cut.Find("code.revealed").TextContent);
        cut.Find("button[aria-label=Hide]").Click();
        Assert.DoesNotContain("s3cr3t-value", cut.Markup);
    }
}
