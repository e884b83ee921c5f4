using System.Globalization;
using Hangfire;
using Hangfire.Storage;
using Paas.Core.Auth;
using Paas.Core.Containers;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Engine.Deploys;
using Paas.Engine.Operations;
using Paas.Engine.Storage;

namespace Paas.Engine.Cron;

/// <summary>
/// cron:list (the serving release's app.json <c>cron</c> entries with their next and last runs) and
/// cron:run (entry ID now, in a one-off container whose output streams to the caller as `run`'s
/// does, its exit code returned; the caller going away kills it).
/// </summary>
public sealed class CronOperations(StateOperation op, IContainerRuntime runtime, JobStorage storage, AppStorage appStorage)
{
    public async Task<IReadOnlyList<CronEntryView>> ListAsync(Actor actor, string app, CancellationToken ct)
    {
        var context = await op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return await DeployContext.ReadAsync(s, found.Id, null, ct);
        }, ct);
        if (context?.Release is null) return [];
        var entries = context.AppJson.Cron;
        var ids = Enumerable.Range(1, entries.Count).Select(n => CronJobIds.For(context.App.Id, n)).ToList();
        using var connection = storage.GetConnection();
        var scheduled = connection.GetRecurringJobs(ids).Where(j => !j.Removed).ToDictionary(j => j.Id);
        return entries.Select((entry, i) =>
        {
            var job = scheduled.GetValueOrDefault(ids[i]);
            var next = Utc(job?.NextExecution);
            // A schedule restricting both day fields is registered with both open (CronExpressions) and
            // filtered at run time, so the scheduler's next time can be a day the run skips: show the
            // first minute from it on that really fires (Dokku's `5 5 5 5 5`: 5 May or a Friday in May).
            if (next is { } scheduledNext && entry.Schedule.EitherDay) next = entry.Schedule.FirstMatchFrom(scheduledNext);
            return new CronEntryView(i + 1, entry.Schedule.Expression, entry.Command,
                next, Utc(job?.LastExecution), job?.LastJobState);
        }).ToList();
    }

    public async Task<int> RunAsync(Actor actor, string app, string id, IContainerOutput output, CancellationToken ct)
    {
        var (context, entry) = await op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            var read = await DeployContext.ReadAsync(s, found.Id, null, ct);
            if (read?.Release?.ImageDigest is null)
                throw new ConflictException($"app '{app}' has no deployed release: push code first (git push)");
            var cron = read.AppJson.Cron;
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > cron.Count)
                throw new NotFoundException(cron.Count == 0
                    ? $"app '{app}' has no cron entries: its serving release's app.json lists none"
                    : $"app '{app}' has no cron entry '{id}': `paas cron:list {app}` shows the ids (1 to {cron.Count})");
            await StateOperation.AuditAsync(s, actor, "cron:run", app, ct, ("entry", id));
            return (read, n);
        }, ct);
        var volumes = await appStorage.VolumesAsync(context.App.Id, context.Release!.ImageDigest!, context.Storage, ct);
        var spec = CronSpecs.For(context, entry, context.AppJson.Cron[entry - 1].Command, volumes);
        try
        {
            var exit = await runtime.RunAttachedAsync(spec, output, CronRunJob.Timeout, ct);
            return exit.ExitCode ?? 1;
        }
        catch (TimeoutException)
        {
            await output.WriteLineAsync(LogStream.Stderr, $"cron:run: stopped after {CronRunJob.Timeout.TotalHours:0} hours", ct);
            return 124;
        }
    }

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
