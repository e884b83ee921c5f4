using System.Diagnostics;
using Paas.Proxy;

// paas-router: the data plane. Serves the apps' HTTP(S), tcp and udp traffic from $PAAS_ROOT/router/routes.json
// alone, so it keeps serving while paasd or PostgreSQL is down.

// Socket completions run inline on the epoll threads (router-performance.md: 0.60x -> 0.72x nginx).
// System.Net.Sockets reads only this environment variable (no runtimeconfig option or AppContext
// switch exists for it), once, when the first socket is made: set here, before anything opens
// one, it takes effect (checked by reading SocketAsyncEngine's flag). An operator's own value wins.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
// No trace context is propagated to the apps: nothing collects it and it costs per request.
DistributedContextPropagator.Current = DistributedContextPropagator.CreateNoOutputPropagator();

RouterSettings settings;
try
{
    settings = RouterSettings.FromEnvironment(Environment.GetEnvironmentVariables());
}
catch (RouterSettingsException e)
{
    Console.Error.WriteLine($"paas-router: {e.Message}");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(args);
// Logging is the largest cost per request there is: Warning and up only, one line each.
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ "; o.UseUtcTimestamp = true; });
builder.Logging.SetMinimumLevel(settings.LogLevel);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = RouterSettings.ShutdownTimeout);
builder.Services.AddPaasProxy(settings);

var app = builder.Build();
app.UsePaasProxy();
await app.RunAsync();
return 0;
