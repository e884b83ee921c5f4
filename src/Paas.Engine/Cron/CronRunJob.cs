using System.Globalization;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Paas.Core.Containers;
using Paas.Engine.Deploys;
using Paas.Engine.Operations;
using Paas.Engine.Storage;

namespace Paas.Engine.Cron;

/// <summary>
/// A scheduled run of cron entry N of an app: a one-off container of the serving release, whose
/// output goes to the app's log history (<c>paas logs APP -p cron</c>), as its processes' does. A
/// failed run is not retried (the next schedule runs it again, as cron would), and a run that paasd's
/// stop interrupted is not started twice: Hangfire hands an interrupted job out again, and the job
/// parameter <see cref="StartedParameter"/> tells it ran already. Its container is left to finish
/// under its monitor then; the hourly cleanup deletes it once it has exited.
/// </summary>
public sealed partial class CronRunJob(StateOperation op, IContainerRuntime runtime, TimeProvider time, ILogger<CronRunJob> logger, AppStorage storage)
{
    public const string StartedParameter = "paas-started";

    /// <summary>A scheduled run is stopped after this long, like `run`'s default ttl.</summary>
    public static readonly TimeSpan Timeout = RunOperations.DefaultTtl;

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long appId, int entry, PerformContext? job, CancellationToken ct)
    {
        if (job is not null)
        {
            if (job.GetJobParameter<string>(StartedParameter) is { } started)
            {
                LogNotRepeated(logger, appId, entry, started);
                return;
            }
            job.SetJobParameter(StartedParameter, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        }

        var context = await op.ReadAsync(s => DeployContext.ReadAsync(s, appId, null, ct), ct);
        if (context?.Release?.ImageDigest is null || context.AppJson.Cron.Count < entry)
        {
            // Destroyed, or its cron changed since the schedule was registered; the registrar catches up.
            LogGone(logger, appId, entry);
            return;
        }
        var cron = context.AppJson.Cron[entry - 1];
        var fired = job is null ? time.GetUtcNow() : new DateTimeOffset(DateTime.SpecifyKind(job.BackgroundJob.CreatedAt, DateTimeKind.Utc));
        if (cron.Schedule.EitherDay && !cron.Schedule.Matches(fired)) return;

        var volumes = await storage.VolumesAsync(context.App.Id, context.Release!.ImageDigest!, context.Storage, ct);
        var container = await runtime.CreateAsync(CronSpecs.For(context, entry, cron.Command, volumes), ct);
        await runtime.StartAsync(container.Id, ct);
        LogStarted(logger, context.App.Name, entry, container.Id);
        var exit = await runtime.WaitForExitAsync(container.Id, Timeout, ct);
        if (exit.Status == ContainerStatus.Running)
            exit = await runtime.StopAsync(container.Id, StopGrace, CancellationToken.None);
        await runtime.DeleteAsync(container.Id, CancellationToken.None);
        if (exit.ExitCode is not 0)
            throw new CronRunFailedException(
                $"cron entry {entry} of {context.App.Name} ({cron.Command}) exited with {exit.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "no code"}" +
                (exit.OomKilled ? " (out of memory)" : "") + "; its output is in `paas logs " + context.App.Name + " -p cron`");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "cron entry {Entry} of app {AppId} started at {Started} and was interrupted by paasd's stop; it is not run twice")]
    private static partial void LogNotRepeated(ILogger logger, long appId, int entry, string started);

    [LoggerMessage(Level = LogLevel.Information, Message = "cron entry {Entry} of app {AppId} is no longer in its serving release; nothing runs")]
    private static partial void LogGone(ILogger logger, long appId, int entry);

    [LoggerMessage(Level = LogLevel.Information, Message = "{App} cron entry {Entry} runs in {ContainerId}")]
    private static partial void LogStarted(ILogger logger, string app, int entry, string containerId);
}
