using System.Net;
using System.Net.Http.Json;
using Paas.Core.Apps;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests.Accounts;

/// <summary>Cookie login against a real paasd of its own (some tests restart it).</summary>
public sealed class LoginTests(PaasdFixture paasd) : IClassFixture<PaasdFixture>
{
    [Fact]
    public async Task JsonLogin_Answers204_WithAnHttpOnlyLaxCookie_ThatActsAsTheUser()
    {
        var (name, password) = await paasd.AddUserAsync();
        using var browser = new LoginClient(paasd);

        var login = await browser.LoginJsonAsync(name, password);
        var me = await (await browser.Http.GetAsync(ApiRoutes.Me)).ReadAsync<MeView>();
        var apps = await browser.Http.GetAsync(ApiRoutes.Apps);

        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("paas_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new MeView(name, "developer"), me);
        Assert.Equal(HttpStatusCode.OK, apps.StatusCode);
    }

    [Fact]
    public async Task WrongPassword_IsRefused_AsJson401_AndAsAFormRedirectWithTheError()
    {
        var (name, _) = await paasd.AddUserAsync();
        using var browser = new LoginClient(paasd);
        var form = await FormAsync(browser, name, "not-the-password", "/apps/demo");

        var json = await browser.LoginJsonAsync(name, "not-the-password");
        var unknown = await browser.LoginJsonAsync("nobody-at-all", "whatever-password");
        var posted = await browser.Http.SendAsync(form);

        Assert.Contains("user name or password is wrong", (await json.ProblemAsync(HttpStatusCode.Unauthorized)).Detail());
        await unknown.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/login?error=invalid&returnUrl=%2Fapps%2Fdemo", posted.Headers.Location!.OriginalString);
        await (await browser.Http.GetAsync(ApiRoutes.Me)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/apps/demo?tab=logs", "/apps/demo?tab=logs")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("", "/")]
    public async Task FormLogin_WithTheAntiforgeryToken_RedirectsToALocalReturnUrlOnly(string returnUrl, string expected)
    {
        var (name, password) = await paasd.AddUserAsync();
        using var browser = new LoginClient(paasd);

        var posted = await browser.Http.SendAsync(await FormAsync(browser, name, password, returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(expected, posted.Headers.Location!.OriginalString);
        Assert.Equal(name, (await (await browser.Http.GetAsync(ApiRoutes.Me)).ReadAsync<MeView>()).Name);
    }

    [Fact]
    public async Task TheDashboardsLoginPage_PostsAFormThatLogsIn()
    {
        var (name, password) = await paasd.AddUserAsync();
        using var browser = new LoginClient(paasd);

        var page = await browser.Http.GetStringAsync(ApiRoutes.LoginPage + "?returnUrl=%2Fapps");
        var field = System.Text.RegularExpressions.Regex.Match(page, "name=\"(__RequestVerificationToken)\"[^>]*value=\"([^\"]+)\"");
        Assert.True(field.Success, page);
        var posted = await browser.SendSameOriginAsync(HttpMethod.Post, ApiRoutes.Login, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [field.Groups[1].Value] = WebUtility.HtmlDecode(field.Groups[2].Value), ["username"] = name, ["password"] = password, ["returnUrl"] = "/apps",
        }));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/apps", posted.Headers.Location!.OriginalString);
        Assert.Equal(name, (await (await browser.Http.GetAsync(ApiRoutes.Me)).ReadAsync<MeView>()).Name);
    }

    [Fact]
    public async Task ForgedFormPost_WithoutTheAntiforgeryToken_Is400_AndLogsNobodyIn()
    {
        var (name, password) = await paasd.AddUserAsync();
        using var browser = new LoginClient(paasd);
        var forged = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Login)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = name, ["password"] = password, ["returnUrl"] = "/" }),
        };

        var posted = await browser.Http.SendAsync(forged);

        Assert.Contains("antiforgery", (await posted.ProblemAsync(HttpStatusCode.BadRequest)).Detail());
        await (await browser.Http.GetAsync(ApiRoutes.Me)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task FiveFailures_LockTheUser_With429AndRetryAfter_EvenForTheRightPassword_AndAcrossARestart()
    {
        var (name, password) = await paasd.AddUserAsync();
        using var browser = new LoginClient(paasd);
        for (var i = 0; i < 5; i++)
            await (await browser.LoginJsonAsync(name, "wrong-password-" + i)).ProblemAsync(HttpStatusCode.Unauthorized);

        var locked = await browser.LoginJsonAsync(name, password);
        var form = await browser.Http.SendAsync(await FormAsync(browser, name, password, "/"));
        using var elsewhere = new LoginClient(paasd);
        var fromElsewhere = await elsewhere.LoginJsonAsync(name, password);
        await paasd.RestartAsync();
        var afterRestart = await browser.LoginJsonAsync(name, password);

        var problem = await locked.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("try again in", problem.Detail());
        var retryAfter = (int)locked.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.InRange(retryAfter, 1, 30);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.StartsWith("/login?error=throttled&returnUrl=%2F&retryAfter=", form.Headers.Location!.OriginalString);
        await fromElsewhere.ProblemAsync(HttpStatusCode.TooManyRequests);
        await afterRestart.ProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task TwentyFailuresFromOneAddress_LockThatAddress_ForAnyUser()
    {
        var (name, password) = await paasd.AddUserAsync();
        using var attacker = new LoginClient(paasd);
        for (var i = 0; i < 20; i++)
            await (await attacker.LoginJsonAsync(Accounts.UniqueUser("guess"), "wrong-password")).ProblemAsync(HttpStatusCode.Unauthorized);

        var blocked = await attacker.LoginJsonAsync(name, password);
        using var other = new LoginClient(paasd);
        var fromAnotherAddress = await other.LoginJsonAsync(name, password);

        await blocked.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.InRange(blocked.Headers.RetryAfter!.Delta!.Value.TotalMinutes, 14, 15);
        Assert.Equal(HttpStatusCode.NoContent, fromAnotherAddress.StatusCode);
    }

    [Fact]
    public async Task ASuccessfulLogin_ResetsTheUsersFailures()
    {
        var (name, password) = await paasd.AddUserAsync();
        using var browser = new LoginClient(paasd);
        for (var i = 0; i < 4; i++)
            await browser.LoginJsonAsync(name, "wrong-password");
        Assert.Equal(HttpStatusCode.NoContent, (await browser.LoginJsonAsync(name, password)).StatusCode);
        for (var i = 0; i < 4; i++)
            await browser.LoginJsonAsync(name, "wrong-password");

        Assert.Equal(HttpStatusCode.NoContent, (await browser.LoginJsonAsync(name, password)).StatusCode);
    }

    [Fact]
    public async Task CookieWrites_MustBeSameOrigin_TokenCallsNeedNoOrigin()
    {
        var (name, password) = await paasd.AddUserAsync();
        using var browser = new LoginClient(paasd);
        await browser.LoginJsonAsync(name, password);

        var noOrigin = await browser.Http.PostJsonAsync(ApiRoutes.Apps, new CreateAppRequest(Api.UniqueApp("xo")));
        var foreign = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Apps) { Content = JsonContent.Create(new CreateAppRequest(Api.UniqueApp("xo")), options: ApiJson.Options) };
        foreign.Headers.Add("Origin", "http://shop.paas.test");
        var crossOrigin = await browser.Http.SendAsync(foreign);
        var sameOrigin = await browser.SendSameOriginAsync(HttpMethod.Post, ApiRoutes.Apps,
            JsonContent.Create(new CreateAppRequest(Api.UniqueApp("so")), options: ApiJson.Options));
        var read = await browser.Http.GetAsync(ApiRoutes.Apps);
        using var token = paasd.TcpClient(await paasd.TokenForAsync(name));
        var tokenWrite = await token.PostJsonAsync(ApiRoutes.Apps, new CreateAppRequest(Api.UniqueApp("tk")));

        Assert.Contains("must come from this site", (await noOrigin.ProblemAsync(HttpStatusCode.Forbidden)).Detail());
        await crossOrigin.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, sameOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Created, tokenWrite.StatusCode);
    }

    [Fact]
    public async Task CrossOriginWebSocket_WithTheCookie_IsRefused()
    {
        var (name, password) = await paasd.AddUserAsync();
        using var browser = new LoginClient(paasd);
        await browser.LoginJsonAsync(name, password);
        var upgrade = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.Apps);
        upgrade.Headers.Add("Origin", "http://shop.paas.test");
        upgrade.Headers.Connection.Add("Upgrade");
        upgrade.Headers.Upgrade.Add(new("websocket"));
        upgrade.Headers.Add("Sec-WebSocket-Version", "13");
        upgrade.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));

        await (await browser.Http.SendAsync(upgrade)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnAdministratorsLogin_OpensTheJobsDashboard_ADevelopersDoesNot()
    {
        var (adminName, adminPassword) = await paasd.AddUserAsync("admin");
        var (developerName, developerPassword) = await paasd.AddUserAsync();
        using var admin = new LoginClient(paasd);
        using var developer = new LoginClient(paasd);
        await admin.LoginJsonAsync(adminName, adminPassword);
        await developer.LoginJsonAsync(developerName, developerPassword);

        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await developer.Http.GetAsync("/hangfire")).StatusCode);
        await (await developer.Http.GetAsync(ApiRoutes.Users)).ProblemAsync(HttpStatusCode.Forbidden);
        // An admin page: a readable page with the way back, not JSON.
        using var page = await developer.Http.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This page is for administrators", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheLogin_SurvivesAPaasdRestart()
    {
        var (name, password) = await paasd.AddUserAsync();
        using var browser = new LoginClient(paasd);
        await browser.LoginJsonAsync(name, password);

        await paasd.RestartAsync();

        Assert.Equal(name, (await (await browser.Http.GetAsync(ApiRoutes.Me)).ReadAsync<MeView>()).Name);
    }

    [Fact]
    public async Task ChangingThePassword_EndsEveryLogin_AtOnce_AndTheNewPasswordWorks()
    {
        var (name, password) = await paasd.AddUserAsync();
        using var first = new LoginClient(paasd);
        using var second = new LoginClient(paasd);
        await first.LoginJsonAsync(name, password);
        await second.LoginJsonAsync(name, password);
        using var admin = paasd.SocketClient();

        await (await admin.PutAsJsonAsync(ApiRoutes.UserPassword(name), new SetPasswordRequest("a-brand-new-password"))).ReadAsync<PasswordChanged>();

        await (await first.Http.GetAsync(ApiRoutes.Me)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await second.Http.GetAsync(ApiRoutes.Apps)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await first.LoginJsonAsync(name, password)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.NoContent, (await first.LoginJsonAsync(name, "a-brand-new-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.Http.GetAsync(ApiRoutes.Me)).StatusCode);
    }

    [Fact]
    public async Task RemovingTheUser_EndsTheirLogin()
    {
        var (name, password) = await paasd.AddUserAsync();
        using var browser = new LoginClient(paasd);
        await browser.LoginJsonAsync(name, password);
        using var admin = paasd.SocketClient();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(ApiRoutes.User(name))).StatusCode);

        await (await browser.Http.GetAsync(ApiRoutes.Me)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_EndsTheLogin_AsJsonAndAsAForm()
    {
        var (name, password) = await paasd.AddUserAsync();
        using var json = new LoginClient(paasd);
        await json.LoginJsonAsync(name, password);
        using var form = new LoginClient(paasd);
        await form.Http.SendAsync(await FormAsync(form, name, password, "/"));
        var stolen = json.Cookies.GetCookieHeader(paasd.BaseUrl);

        var jsonLogout = await json.SendSameOriginAsync(HttpMethod.Post, ApiRoutes.Logout);
        var formLogout = await form.SendSameOriginAsync(HttpMethod.Post, ApiRoutes.Logout, await LogoutFormAsync(form));

        Assert.Equal(HttpStatusCode.NoContent, jsonLogout.StatusCode);
        await (await json.Http.GetAsync(ApiRoutes.Me)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Redirect, formLogout.StatusCode);
        Assert.Equal("/login", formLogout.Headers.Location!.OriginalString);
        await (await form.Http.GetAsync(ApiRoutes.Me)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.NotEmpty(stolen);
    }

    [Fact]
    public async Task Me_WithoutALogin_Is401ProblemJson_AndAPageRedirectsToLogin()
    {
        using var browser = new LoginClient(paasd);

        var me = await browser.Http.GetAsync(ApiRoutes.Me);

        await me.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>The login form as the dashboard's page posts it: its antiforgery cookie and hidden field, and this site's Origin.</summary>
    private async Task<HttpRequestMessage> FormAsync(LoginClient browser, string user, string password, string returnUrl)
    {
        await EnsureKeyRingAsync();
        var tokens = AntiforgeryTokens.Issue(paasd.Root);
        browser.Cookies.Add(paasd.BaseUrl, new Cookie(tokens.CookieName, tokens.CookieValue));
        var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Login)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = user, ["password"] = password, ["returnUrl"] = returnUrl, [tokens.FormFieldName] = tokens.FormValue,
            }),
        };
        request.Headers.Add("Origin", browser.Origin);
        return request;
    }

    private async Task<HttpContent> LogoutFormAsync(LoginClient browser)
    {
        var me = await (await browser.Http.GetAsync(ApiRoutes.Me)).ReadAsync<MeView>();
        var tokens = AntiforgeryTokens.IssueFor(paasd.Root, await UserIdAsync(me.Name));
        browser.Cookies.Add(paasd.BaseUrl, new Cookie(tokens.CookieName, tokens.CookieValue));
        return new FormUrlEncodedContent(new Dictionary<string, string> { [tokens.FormFieldName] = tokens.FormValue });
    }

    private async Task<long> UserIdAsync(string name)
    {
        await using var connection = new Npgsql.NpgsqlConnection(paasd.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select id from users where name = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>paasd makes its data-protection key on first use; the test's tokens must be made with that key, not a second one.</summary>
    private async Task EnsureKeyRingAsync()
    {
        if (Directory.Exists(Path.Combine(paasd.Root, "keys")) && Directory.EnumerateFiles(Path.Combine(paasd.Root, "keys")).Any()) return;
        var (name, password) = await paasd.AddUserAsync();
        using var warmup = new LoginClient(paasd);
        Assert.Equal(HttpStatusCode.NoContent, (await warmup.LoginJsonAsync(name, password)).StatusCode);
    }
}
