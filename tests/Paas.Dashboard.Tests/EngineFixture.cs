using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paas.Builds;
using Paas.Core.Auth;
using Paas.Data;
using Paas.Data.Migrations;
using Paas.Engine;
using Paas.Engine.Metrics;
using Paas.Git;
using Paas.Git.Ssh;
using Paas.Runtime;
using Paas.Testing;

namespace Paas.Dashboard.Tests;

/// <summary>
/// The real Engine as paasd composes it (Program.cs), on a fresh migrated database of the shared throwaway
/// PostgreSQL and a temp $PAAS_ROOT: the pages under test call the same operations as in production.
/// Nothing here starts a container; the tests only touch state, repos and files under the temp root.
/// </summary>
public sealed class EngineFixture : IAsyncDisposable
{
    public static readonly Actor Admin = new(1, "admin", Role.Admin, "dashboard");

    private readonly PostgresServer _server;
    private readonly TestDirectory _root;

    private EngineFixture(PostgresServer server, string connectionString, TestDirectory root, ServiceProvider services)
    {
        _server = server;
        ConnectionString = connectionString;
        _root = root;
        Services = services;
    }

    public string ConnectionString { get; }

    public ServiceProvider Services { get; }

    public static async Task<EngineFixture> StartAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        MigrationRunner.Run(connectionString);
        var root = new TestDirectory("paas-dashboard-");
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddPaasData(connectionString);
        services.AddPaasRuntime(new Core.Containers.RuntimePaths(root.Path));
        services.AddPaasBuilds(new BuildRunnerOptions(root.Path));
        var cli = root.Combine("paas");
        var socket = root.Combine("paasd.sock");
        services.AddPaasGit(GitOptions.UnderRoot(root.Path, cli, socket));
        services.AddPaasSsh(new SshAccessSettings("paas", root.Combine("authorized_keys"), cli, socket));
        services.AddPaasEngine(new EngineSettings("paas.test", []));
        services.AddPaasMetrics(new MetricsSettings());
        // The dashboard's own singletons that stand on the Engine (AddPaasDashboard registers the same).
        services.AddSingleton<global::Paas.Dashboard.Live.StateChangeFeed>();
        services.AddSingleton<global::Paas.Dashboard.Apps.AppSummaries>();
        services.AddSingleton<global::Paas.Dashboard.Admin.PlatformHealth>();
        return new EngineFixture(server, connectionString, root, services.BuildServiceProvider());
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Starts the dashboard's LISTEN as paasd hosts it and returns once it listens (its first resync
    /// arrived), so that a change committed afterwards reaches the pages. Disposing stops it.
    /// </summary>
    public async Task<IAsyncDisposable> ListenAsync()
    {
        var feed = Get<global::Paas.Dashboard.Live.StateChangeFeed>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (feed.Subscribe(change => { if (change.IsResync) listening.TrySetResult(); }))
        {
            await feed.StartAsync(CancellationToken.None);
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        return new StopFeed(feed);
    }

    private sealed class StopFeed(global::Paas.Dashboard.Live.StateChangeFeed feed) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await feed.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _server.DropDatabaseAsync(ConnectionString);
        _root.Dispose();
    }
}
