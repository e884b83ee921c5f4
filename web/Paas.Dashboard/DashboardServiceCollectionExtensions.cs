using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Paas.Dashboard.AppPages.Logs;
using Paas.Dashboard.Auth;
using Paas.Dashboard.Components;
using Paas.Dashboard.Live;

namespace Paas.Dashboard;

/// <summary>The dashboard's registration and endpoints, hosted by paasd next to the REST API.</summary>
public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddPaasDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        // A host may register its own interval first (tests do); the circuit's login is checked like the cookie's.
        services.TryAddSingleton(new CircuitSessionSettings());
        services.AddScoped<AuthenticationStateProvider, RevalidatingLoginState>();
        services.AddMudServices();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<Apps.AppSummaries>();
        services.AddSingleton<Admin.PlatformHealth>();
        services.AddSingleton<StateChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<StateChangeFeed>());
        return services;
    }

    /// <summary>
    /// The pages (interactive server, except the static login form) and the static assets of this library and
    /// MudBlazor (<c>_content/...</c>). The host runs UseAntiforgery after authorization: every form here carries its token.
    /// </summary>
    public static IEndpointRouteBuilder MapPaasDashboard(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapLogDownload();
        return app;
    }
}
