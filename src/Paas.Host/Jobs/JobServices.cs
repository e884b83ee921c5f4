using Hangfire;
using Paas.Core.State;
using Paas.Data.Jobs;
using Paas.Engine.Jobs;
using Paas.Host.Configuration;

namespace Paas.Host.Jobs;

/// <summary>
/// Hangfire's server and the outbox dispatcher, from paasd's start until it stops. Both wait for
/// Hangfire's schema, which is installed here in the background (tried again every few seconds while
/// PostgreSQL is down) rather than before paasd answers: a fresh database takes half a second for it.
/// </summary>
public sealed partial class JobServices(
    IServiceProvider services,
    JobStorage storage,
    PaasSettings settings,
    IStateChanges changes,
    OutboxDispatcher dispatcher,
    JobSchemaStatus schema,
    ILogger<JobServices> logger) : BackgroundService
{
    public static readonly TimeSpan InstallRetry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!await InstallSchemaAsync(stoppingToken)) return;
        schema.MarkInstalled();
        // Applies AddHangfire's configuration (activator from the DI container, serializer, storage) before the server reads it.
        services.GetRequiredService<IGlobalConfiguration>();
        using var server = new BackgroundJobServer(JobServerOptions.For(settings), storage);
        try
        {
            await dispatcher.RunAsync(changes, stoppingToken);
        }
        finally
        {
            // Dispose waits up to ShutdownTimeout for running jobs.
            server.SendStop();
        }
    }

    private async Task<bool> InstallSchemaAsync(CancellationToken ct)
    {
        var said = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Run(() => JobStorageFactory.InstallSchema(settings.Database), ct);
                if (said) LogInstalled(logger);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!said) LogInstallFailed(logger, e);
                said = true;
            }
            try { await Task.Delay(InstallRetry, ct); }
            catch (OperationCanceledException) { }
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "jobs wait: Hangfire's schema could not be installed (is PostgreSQL up?); trying again every 5 s")]
    private static partial void LogInstallFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hangfire's schema is installed; jobs run")]
    private static partial void LogInstalled(ILogger logger);
}
