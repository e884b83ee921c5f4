using Microsoft.AspNetCore.DataProtection;
using Paas.Api;
using Paas.Api.Auth;
using Paas.Builds;
using Paas.Core.Containers;
using Paas.Core.Networking;
using Paas.Dashboard;
using Paas.Data;
using Paas.Engine;
using Paas.Engine.Metrics;
using Paas.Git;
using Paas.Git.Transport;
using Paas.Git.Ssh;
using Paas.Host;
using Paas.Host.Builds;
using Paas.Host.Configuration;
using Paas.Host.Deploys;
using Paas.Host.Jobs;
using Paas.Host.Listening;
using Paas.Host.Metrics;
using Paas.Host.Runtime;
using Paas.Host.Ssh;
using Paas.Runtime;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;
using Paas.Runtime.UserNamespaces;

// paasd: the control plane. `paasd migrate` applies the schema and exits; `paasd` migrates, then serves.
return await ExpectedFailures.ReportAsync(async () =>
{
    var settings = PaasSettingsLoader.Load(Environment.GetEnvironmentVariables());
    StateDatabase.Migrate(settings.Database);
    if (args is ["migrate"])
    {
        StateDatabase.MigrateJobs(settings.Database);
        return 0;
    }

    // The install dir is the content root, so a published paasd serves its static web assets (wwwroot) wherever it is started from.
    var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.Services.AddSingleton(settings);
    // The application name keeps login cookies valid when paasd is installed at another path (the default is the content root).
    builder.Services.AddDataProtection().SetApplicationName("paasd").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.Root, "keys")));
    builder.Services.AddPaasData(settings.Database);
    var builds = new BuildRunnerOptions(settings.Root) { BuildpacksDirectory = settings.BuildpacksDirectory };
    builder.Services.AddPaasRuntime(new RuntimePaths(settings.Root), new NetworkSettings(settings.Bridge, settings.Subnet, settings.OutboundNat),
        new ContainerRuntimeOptions { PrelaunchMonitor = true, UserNamespace = SubordinateIds.Read(), AllowedVolumeRoots = builds.VolumeRoots },
        imageLimits: new ImageLimits { MaxLayerBytes = settings.ImageMaxLayerBytes, MaxImageBytes = settings.ImageMaxBytes });
    builder.Services.AddPaasBuilds(builds);
    builder.Services.AddHostedService<BuildWorkspaceRecovery>();
    builder.Services.AddHostedService<RuntimeRecovery>();
    builder.Services.AddHostedService<LogRotation>();
    builder.Services.AddHostedService<BuildRecovery>();
    builder.Services.AddHostedService<DeployServices>();
    // The hooks exec the `paas` of PAAS_CLI (beside paasd by default), which calls back on the unix socket.
    builder.Services.AddPaasGit(GitOptions.UnderRoot(settings.Root, settings.CliPath, settings.Socket));
    builder.Services.AddPaasSsh(new SshAccessSettings(settings.SshUser, settings.SshAuthorizedKeys, settings.CliPath, settings.Socket));
    builder.Services.AddHostedService<AuthorizedKeysAtStart>();
    builder.Services.AddPaasEngine(EngineSettingsFactory.Create(settings));
    builder.Services.AddPaasJobs(settings);
    builder.Services.AddPaasMetrics(settings.Metrics);
    builder.Services.AddHostedService<MetricsSampling>();
    builder.Services.AddPaasApi();
    // Before AddPaasDashboard, which keeps a CircuitSessionSettings already registered.
    builder.Services.AddSingleton(new Paas.Dashboard.Auth.CircuitSessionSettings(settings.DashboardRevalidationInterval));
    builder.Services.AddPaasDashboard();
    builder.Services.AddSingleton(new SessionSettings(settings.SessionIdleTimeout, settings.SessionMaxLifetime, TimeSpan.FromSeconds(30)));
    builder.Services.AddAntiforgery();
    // One line per request at Information would grow paasd.log without telling an operator anything.
    builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    builder.Logging.AddFilter("Hangfire", LogLevel.Warning);
    // A port already taken is reported by ExpectedFailures in one line; the host's own error log would add a stack trace.
    builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
    builder.WebHost.ConfigureKestrel(options => KestrelListeners.Configure(options, settings));

    var app = builder.Build();
    app.Services.GetRequiredService<GitTransport>().WriteHooks();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    // The run/enter terminals (RunApi): pings keep idle sessions alive through proxies and notice dead clients.
    app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
    app.UseAuthentication();
    app.UseSameOriginForCookies();
    app.UseAuthorization();
    // Every dashboard form and /auth/login's form carry a token; minimal APIs bound to forms check it here.
    app.UseAntiforgery();
    app.UsePaasJobsDashboard();
    app.MapPaasApi();
    app.MapPaasDashboard();

    await app.StartAsync();
    UnixSocket.Restrict(settings.Socket, settings.SocketGroup);
    await app.WaitForShutdownAsync();
    return 0;
});
