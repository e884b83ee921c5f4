using Paas.Dashboard.Admin;
using Paas.Engine.Apps;
using Paas.Engine.Users;

namespace Paas.Dashboard.Tests.Admin;

public sealed class UsersPageTests : DashboardTestContext, IClassFixture<EngineClassFixture>
{
    private readonly EngineFixture _engine;

    public UsersPageTests(EngineClassFixture engine) : base(engine) => _engine = engine.Engine;

    [Fact]
    public async Task AnAddedUser_GetsAGeneratedPasswordShownOnce_AndAGrantShowsInTheList()
    {
        await _engine.Get<AppOperations>().CreateAsync(EngineFixture.Admin, "granted-app", default);
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<UsersPage>();
        cut.WaitForAssertion(() => Assert.Contains("admin", cut.Find(".users-table").TextContent));

        cut.Find(".user-name input").Change("dora");
        cut.Find("button.user-add").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".user-secret")));
        var password = cut.Find(".user-secret .command-block").TextContent.Trim();
        var login = await _engine.Get<LoginOperations>().LoginAsync("dora", password, "127.0.0.1", default);
        Assert.NotNull(login.Actor);
        Assert.Contains("dora", cut.Find(".users-table").TextContent);

        await _engine.Get<GrantOperations>().GrantAsync(EngineFixture.Admin, "granted-app", "dora", default);
        var again = Render<UsersPage>();
        again.WaitForAssertion(() => Assert.Contains("granted-app", again.Find(".users-table").TextContent));
        Assert.DoesNotContain(password, again.Markup);
    }

    [Fact]
    public void ADeveloper_IsRefusedTheUserList_WithTheEnginesReason()
    {
        SignIn(new Core.Auth.Actor(55, "dev", Core.Auth.Role.Developer, "dashboard"));

        var cut = Render<UsersPage>();

        cut.WaitForAssertion(() => Assert.Contains("administrators", cut.Find(".mud-alert").TextContent));
    }
}
