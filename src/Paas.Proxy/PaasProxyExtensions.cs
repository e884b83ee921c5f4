using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Paas.Proxy.AccessLog;
using Paas.Proxy.Certificates;
using Paas.Proxy.ErrorPages;
using Paas.Proxy.Forwarding;
using Paas.Proxy.LeanForwarding;
using Paas.Proxy.Listeners;
using Paas.Proxy.Routing;
using Paas.Proxy.Snapshots;
using Paas.Proxy.Tcp;
using Paas.Proxy.Udp;
using Yarp.ReverseProxy.Configuration;

namespace Paas.Proxy;

/// <summary>The router's registrations and request pipeline, for paas-router's Program.</summary>
public static class PaasProxyExtensions
{
    // A backend that has not accepted a connection by then is as good as down: answer 502 rather
    // than hold the client for YARP's default 15 s.
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddPaasProxy(this IServiceCollection services, RouterSettings settings)
    {
        services.AddSingleton(settings);
        EdgeSockets.EpollLoop.Configure(settings.EpollThreads);
        services.AddSingleton<CertificateStore>();
        services.AddSingleton<TcpRoutes>();
        services.AddSingleton<TcpRelay>();
        services.AddSingleton<UdpRoutes>();
        // Replaces Kestrel's own server: ports come and go with the snapshots (see ListenerSet).
        services.AddSingleton<ListenerSet>();
        services.AddSingleton<IServer>(sp => sp.GetRequiredService<ListenerSet>());
        services.AddSingleton<BackendPools>();
        services.AddSingleton<LeanForwarder>();
        services.AddSingleton<ConnectionForwarding.Watchdog>();
        services.AddSingleton<ConnectionForwarding.BackendLinkPools>();
        services.AddSingleton<ConnectionForwarding.ConnectionRoutes>();
        // Before ConfigAppliedSignal: the connection forwarder's routes are in place when the applier hears of a swap.
        services.AddSingleton<IConfigChangeListener>(sp => sp.GetRequiredService<ConnectionForwarding.ConnectionRoutes>());
        services.AddSingleton<ConnectionForwarding.ConnectionForwarder>();
        services.AddSingleton<AccessLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessLogWriter>());
        services.AddSingleton<ConfigAppliedSignal>();
        services.AddSingleton<IConfigChangeListener>(sp => sp.GetRequiredService<ConfigAppliedSignal>());
        services.AddSingleton<SnapshotApplier>();
        services.AddHostedService<SnapshotWatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ListenPortMatcherPolicy>());
        // YARP signs session affinity cookies, which no route of ours uses: keys that live in memory
        // keep it from writing a key ring into the home directory of whoever runs the router.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddReverseProxy()
            .LoadFromMemory([], [])
            .ConfigureHttpClient((_, handler) =>
            {
                // No trace context to the apps: nothing collects it, and it costs per request (router-performance.md).
                handler.ActivityHeadersPropagator = null;
                handler.ConnectTimeout = ConnectTimeout;
            });
        return services;
    }

    public static WebApplication UsePaasProxy(this WebApplication app)
    {
        var lean = app.Services.GetRequiredService<RouterSettings>().Forwarder == ForwarderKind.Lean
            ? app.Services.GetRequiredService<LeanForwarder>()
            : null;
        app.UseMiddleware<AmbiguousFramingMiddleware>();
        app.UseMiddleware<AccessLogMiddleware>();
        app.UseRouting();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(ForwardingSteps.RedirectToHttpsAsync);
            proxy.Use(ForwardingSteps.ErrorPagesAsync);
            proxy.UseLoadBalancing();
            // In place of YARP's forwarder for what it handles; YARP's own forwarder runs after it for the rest.
            if (lean is not null) proxy.Use(lean.InvokeAsync);
        }).ConfigureEndpoints((endpoint, route) =>
        {
            if (AppEndpoint.FromRoute(route) is { } appEndpoint) endpoint.WithMetadata(appEndpoint);
        });
        // Lowest priority: only a request no app's route took.
        app.MapFallback("{**path}", context => ErrorPage.WriteAsync(context, StatusCodes.Status404NotFound));
        return app;
    }
}
