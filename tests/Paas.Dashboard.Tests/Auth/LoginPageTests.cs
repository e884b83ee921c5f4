using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Paas.Dashboard.Auth;

namespace Paas.Dashboard.Tests.Auth;

public sealed class LoginPageTests : DashboardTestContext
{
    [Fact]
    public void TheForm_PostsToTheAccountsEndpoint_WithTheAntiforgeryToken_AndALocalReturnUrl()
    {
        var cut = RenderAt("/login?returnUrl=%2Fapps%2Fshop%2Fconfig");

        var form = cut.Find("form.login-form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/auth/login", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name=username]"));
        Assert.NotNull(form.QuerySelector("input[name=password][type=password]"));
        Assert.NotNull(form.QuerySelector("input[type=hidden][name=__RequestVerificationToken]"));
        Assert.Equal("/apps/shop/config", form.QuerySelector("input[name=returnUrl]")!.GetAttribute("value"));
        Assert.Empty(cut.FindAll(".login-error"));
        Assert.DoesNotContain("fonts.googleapis", cut.Markup);
    }

    [Theory]
    [InlineData("invalid", "Wrong username or password.")]
    [InlineData("throttled", "Too many failed attempts. Wait a minute, then try again.")]
    public void AnError_FromTheRedirect_IsShownInWords(string code, string text)
    {
        var cut = RenderAt($"/login?error={code}");

        Assert.Equal(text, cut.Find(".login-error").TextContent);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("")]
    public void AReturnUrl_ThatLeavesTheSite_BecomesTheAppsList(string returnUrl)
    {
        var cut = RenderAt($"/login?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal("/apps", cut.Find("input[name=returnUrl]").GetAttribute("value"));
    }

    // The page reads its query string, as it does behind /auth/login's redirect.
    private IRenderedComponent<Login> RenderAt(string uri)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(uri);
        return Render<Login>();
    }
}
