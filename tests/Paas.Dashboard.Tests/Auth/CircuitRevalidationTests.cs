using System.Security.Claims;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paas.Core.Auth;
using Paas.Dashboard.Auth;
using Paas.Engine.Users;

namespace Paas.Dashboard.Tests.Auth;

/// <summary>
/// An open circuit loses its login when the user's password changes or the user is removed (the security stamp
/// its cookie carried no longer matches, checked against the real database), and is sent to the login form.
/// </summary>
public sealed class CircuitRevalidationTests : BunitContext, IClassFixture<EngineClassFixture>, IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly EngineFixture _engine;

    public CircuitRevalidationTests(EngineClassFixture engine)
    {
        _engine = engine.Engine;
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        Services.AddFallbackServiceProvider(_engine.Services);
        // As AddPaasDashboard registers them, with a short interval and the real Engine's login operations.
        Services.AddAuthorizationCore();
        // The real authorization service in place of bUnit's placeholder: AuthorizeView asks it about the provider's user.
        Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationService, Microsoft.AspNetCore.Authorization.DefaultAuthorizationService>();
        Services.AddCascadingAuthenticationState();
        Services.AddScoped<AuthenticationStateProvider>(_ => new RevalidatingLoginState(
            _engine.Get<ILoggerFactory>(), _engine.Get<LoginOperations>(), new CircuitSessionSettings(Interval)));
    }

    /// <summary>A developer who logged in: the principal the cookie carries, stamp included, given to the circuit as paasd does.</summary>
    private async Task<string> SignedInDeveloperAsync(string name)
    {
        await _engine.Get<UserOperations>().AddAsync(EngineFixture.Admin, name, "developer", Password, default);
        var login = await _engine.Get<LoginOperations>().LoginAsync(name, Password, "127.0.0.1", default);
        var claims = ActorClaims.From(login.Actor!).Append(new Claim(LoginClaims.SecurityStamp, login.SecurityStamp!));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "paas-cookie"));
        ((IHostEnvironmentAuthenticationStateProvider)Services.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return name;
    }

    private IRenderedComponent<ContainerFragment> RenderGuardedPage() => Render(builder =>
    {
        builder.OpenComponent<AuthorizeView>(0);
        builder.AddAttribute(1, nameof(AuthorizeView.Authorized), (RenderFragment<AuthenticationState>)(state => inner =>
        {
            inner.OpenElement(0, "p");
            inner.AddAttribute(1, "class", "signed-in");
            inner.AddContent(2, state.User.Identity!.Name);
            inner.CloseElement();
        }));
        builder.AddAttribute(2, nameof(AuthorizeView.NotAuthorized), (RenderFragment<AuthenticationState>)(_ => inner =>
        {
            inner.OpenComponent<RedirectToLogin>(0);
            inner.CloseComponent();
        }));
        builder.CloseComponent();
    });

    private string Location => Services.GetRequiredService<NavigationManager>().Uri;

    [Fact]
    public async Task ACircuit_StaysSignedIn_WhileNothingChanges_AndIsSentToLogin_AfterAPasswordChange()
    {
        var name = await SignedInDeveloperAsync("circuit-passwd");
        Services.GetRequiredService<NavigationManager>().NavigateTo("apps/secret");
        var cut = RenderGuardedPage();
        cut.WaitForAssertion(() => Assert.Equal(name, cut.Find(".signed-in").TextContent));

        // Several checks pass while the stamp still matches.
        await Task.Delay(Interval * 5);
        Assert.Equal(name, cut.Find(".signed-in").TextContent);
        Assert.EndsWith("/apps/secret", Location, StringComparison.Ordinal);

        await _engine.Get<UserOperations>().SetPasswordAsync(EngineFixture.Admin, name, "a-brand-new-password", default);

        cut.WaitForAssertion(() => Assert.Contains("/login?returnUrl=%2Fapps%2Fsecret", Location, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(".signed-in"));
    }

    [Fact]
    public async Task ACircuit_OfARemovedUser_LosesItsLogin()
    {
        var name = await SignedInDeveloperAsync("circuit-removed");
        var provider = Services.GetRequiredService<AuthenticationStateProvider>();
        Assert.True((await provider.GetAuthenticationStateAsync()).User.Identity!.IsAuthenticated);

        await _engine.Get<UserOperations>().RemoveAsync(EngineFixture.Admin, name, default);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated == true)
        {
            Assert.True(DateTime.UtcNow < deadline, "the removed user's circuit kept its login");
            await Task.Delay(Interval);
        }
    }

    [Fact]
    public void TheDashboard_RegistersTheRevalidatingProvider_WithA30SecondDefault()
    {
        var services = new ServiceCollection();
        services.AddPaasDashboard();

        Assert.Equal(typeof(RevalidatingLoginState), services.Last(s => s.ServiceType == typeof(AuthenticationStateProvider)).ImplementationType);
        Assert.Equal(TimeSpan.FromSeconds(30), ((CircuitSessionSettings)services.Single(s => s.ServiceType == typeof(CircuitSessionSettings)).ImplementationInstance!).RevalidationInterval);
    }

    [Fact]
    public void AnIntervalTheHostRegisteredFirst_IsKept()
    {
        // paasd registers PAAS_DASHBOARD_REVALIDATE_SECONDS this way, before AddPaasDashboard.
        var services = new ServiceCollection();
        services.AddSingleton(new CircuitSessionSettings(TimeSpan.FromSeconds(7)));
        services.AddPaasDashboard();

        var settings = Assert.Single(services, s => s.ServiceType == typeof(CircuitSessionSettings));
        Assert.Equal(TimeSpan.FromSeconds(7), ((CircuitSessionSettings)settings.ImplementationInstance!).RevalidationInterval);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
