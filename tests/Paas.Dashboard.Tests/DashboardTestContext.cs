using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Paas.Core.Auth;
using Paas.Dashboard.Auth;

namespace Paas.Dashboard.Tests;

/// <summary>
/// A bUnit context with MudBlazor's services, a signed-in user (the claims the login cookie carries) and,
/// when given, the real Engine as the fallback for everything a page injects. Under xunit v2 it is disposed
/// through <see cref="IAsyncLifetime"/>: MudBlazor's services dispose asynchronously only.
/// </summary>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    protected DashboardTestContext(EngineClassFixture? engine = null)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddScoped<CurrentActor>();
        if (engine is not null)
            Services.AddFallbackServiceProvider(engine.Engine.Services);
        SignIn(EngineFixture.Admin);
    }

    /// <summary>Signs in as <paramref name="actor"/>, with the claims <see cref="ActorClaims"/> puts in the cookie.</summary>
    protected void SignIn(Actor actor)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(actor.Name);
        auth.SetRoles(actor.Role.ToString());
        auth.SetClaims(ActorClaims.From(actor).Where(c => c.Type is not (ClaimTypes.Name or ClaimTypes.Role)).ToArray());
    }

    protected ISnackbar Snackbar => Services.GetRequiredService<ISnackbar>();

    protected IReadOnlyList<string> SnackbarMessages => Snackbar.ShownSnackbars.Select(s => s.Message ?? "").ToList();

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

/// <summary>One real Engine (database and temp root) per test class; the tests use app names of their own.</summary>
public sealed class EngineClassFixture : IAsyncLifetime
{
    public EngineFixture Engine { get; private set; } = null!;

    public async Task InitializeAsync() => Engine = await EngineFixture.StartAsync();

    public async Task DisposeAsync() => await Engine.DisposeAsync();
}
