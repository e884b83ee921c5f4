using System.Net.Http.Json;
using System.Net;
using Paas.Core.Apps;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests.Accounts;

[Collection(PaasdCollection.Name)]
public sealed class UsersApiTests(PaasdFixture paasd)
{
    [Fact]
    public async Task AddUser_WithoutAPassword_GeneratesOne_ShownOnce_AndListsTheUser()
    {
        var name = Accounts.UniqueUser();
        using var admin = paasd.SocketClient();

        var created = await (await admin.PostJsonAsync(ApiRoutes.Users, new AddUserRequest(name))).ReadAsync<CreatedUser>();
        var users = await (await admin.GetAsync(ApiRoutes.Users)).ReadAsync<List<UserView>>();
        var listed = await (await admin.GetAsync(ApiRoutes.Users)).Content.ReadAsStringAsync();

        Assert.Equal("developer", created.Role);
        Assert.True(created.Password is { Length: >= 20 }, created.Password);
        var user = Assert.Single(users, u => u.Name == name);
        Assert.True(user.HasPassword);
        Assert.Contains(users, u => u is { Name: "admin", Role: "admin" });
        Assert.DoesNotContain(created.Password!, listed);
        Assert.DoesNotContain("hash", listed, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Bad Name", "developer", null, "name")]
    [InlineData("UPPER", "developer", null, "name")]
    [InlineData("", "developer", null, "name")]
    [InlineData("okname", "root", null, "role")]
    [InlineData("okname", "developer", "short", "password")]
    [InlineData("okname", "developer", "line\nbreak-password", "password")]
    public async Task AddUser_WithBadInput_Is400_NamingTheField(string name, string role, string? password, string field)
    {
        using var admin = paasd.SocketClient();

        var problem = await (await admin.PostJsonAsync(ApiRoutes.Users, new AddUserRequest(name, role, password)))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task AddUser_Twice_Is409()
    {
        var (name, _) = await paasd.AddUserAsync();
        using var admin = paasd.SocketClient();

        var problem = await (await admin.PostJsonAsync(ApiRoutes.Users, new AddUserRequest(name))).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("already exists", problem.Detail());
    }

    [Fact]
    public async Task Developer_CannotManageUsers_ButMayChangeTheirOwnPassword()
    {
        var (name, _) = await paasd.AddUserAsync();
        var (other, _) = await paasd.AddUserAsync();
        using var developer = paasd.TcpClient(await paasd.TokenForAsync(name));

        await (await developer.GetAsync(ApiRoutes.Users)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await developer.PostJsonAsync(ApiRoutes.Users, new AddUserRequest(Accounts.UniqueUser(), "admin"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await developer.DeleteAsync(ApiRoutes.User(other))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await developer.PutAsJsonAsync(ApiRoutes.UserPassword(other), new SetPasswordRequest("another-password"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await developer.PostJsonAsync(ApiRoutes.Tokens, new CreateTokenRequest("x", other))).ProblemAsync(HttpStatusCode.Forbidden);
        var own = await (await developer.PutAsJsonAsync(ApiRoutes.UserPassword(name), new SetPasswordRequest("my-new-password"))).ReadAsync<PasswordChanged>();

        Assert.Null(own.Password);
    }

    [Fact]
    public async Task RemoveUser_TakesTheirTokensAndGrants_AndIsAudited()
    {
        var (name, _) = await paasd.AddUserAsync();
        var token = await paasd.TokenForAsync(name);
        using var developer = paasd.TcpClient(token);
        var app = Api.UniqueApp("rm");
        await developer.CreateAppAsync(app);
        using var admin = paasd.SocketClient();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(ApiRoutes.User(name))).StatusCode);

        await (await developer.GetAsync(ApiRoutes.Apps)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Empty(await (await admin.GetAsync(ApiRoutes.Grants(app))).ReadAsync<List<GrantView>>());
        var tokens = await (await admin.GetAsync(ApiRoutes.Tokens)).ReadAsync<List<TokenView>>();
        Assert.DoesNotContain(tokens, t => t.User == name);
        var events = await (await admin.GetAsync(ApiRoutes.Events + "?limit=50")).Content.ReadAsStringAsync();
        Assert.Contains("users:remove", events);
        await (await admin.DeleteAsync(ApiRoutes.User(name))).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheBuiltInAdmin_CannotBeRemoved()
    {
        using var admin = paasd.SocketClient();

        var problem = await (await admin.DeleteAsync(ApiRoutes.User("admin"))).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("built-in", problem.Detail());
    }

    [Fact]
    public async Task Developer_SeesOnlyGrantedApps_UntilRevoked()
    {
        var (name, _) = await paasd.AddUserAsync();
        using var developer = paasd.TcpClient(await paasd.TokenForAsync(name));
        using var admin = paasd.SocketClient();
        var app = Api.UniqueApp("grant");
        await admin.CreateAppAsync(app);
        var own = Api.UniqueApp("own");
        await developer.CreateAppAsync(own);

        await (await developer.GetAsync(ApiRoutes.App(app))).ProblemAsync(HttpStatusCode.NotFound);
        await (await developer.PatchJsonAsync(ApiRoutes.Config(app), new ConfigChangeRequest(new Dictionary<string, string> { ["A"] = "1" }, null)))
            .ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await (await developer.GetAsync(ApiRoutes.Apps)).ReadAsync<List<App>>(), a => a.Name == app);
        await (await developer.PutAsJsonAsync(ApiRoutes.Grant(app, name), new { })).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync(ApiRoutes.Grant(app, name), new { })).StatusCode);
        Assert.True((await developer.GetAsync(ApiRoutes.App(app))).IsSuccessStatusCode);
        Assert.Contains(await (await developer.GetAsync(ApiRoutes.Apps)).ReadAsync<List<App>>(), a => a.Name == app);
        var grants = await (await admin.GetAsync(ApiRoutes.Grants(own))).ReadAsync<List<GrantView>>();
        Assert.Equal(name, Assert.Single(grants).User);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(ApiRoutes.Grant(app, name))).StatusCode);
        await (await developer.GetAsync(ApiRoutes.App(app))).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync(ApiRoutes.Grant(app, name))).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PutAsJsonAsync(ApiRoutes.Grant(app, "nobody-here"), new { })).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PutAsJsonAsync(ApiRoutes.Grant("no-such-app", name), new { })).ProblemAsync(HttpStatusCode.NotFound);
    }
}
