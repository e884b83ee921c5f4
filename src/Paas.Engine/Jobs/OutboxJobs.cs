using Paas.Core.State;

namespace Paas.Engine.Jobs;

/// <summary>
/// The jobs an operation may ask for in its transaction (<see cref="Core.Jobs.IJobOutboxStore"/>);
/// each takes an app id and is safe to run twice. <see cref="OutboxDispatcher"/> enqueues them.
/// </summary>
public static class OutboxJobs
{
    /// <summary>Deletes the app's images beyond its retention (<see cref="Images.ImageRetentionJob"/>).</summary>
    public const string ImageRetention = "images:retention";

    /// <summary>Registers the serving release's app.json cron entries, or removes them (<see cref="Cron.CronRegistrar"/>).</summary>
    public const string CronSync = "cron:sync";

    public static IReadOnlyList<string> All { get; } = [ImageRetention, CronSync];

    public static Task AskAsync(IStateSession session, string job, long appId, CancellationToken ct) =>
        session.Outbox.AddAsync(job, appId, ct);
}
