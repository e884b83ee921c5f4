namespace Paas.Core.Contracts;

/// <summary>
/// `cron:list APP`: an app.json <c>cron</c> entry of the serving release. <see cref="Id"/> is its place
/// in the list from 1 (what `cron:run APP ID` takes); the times come from the job scheduler and are
/// null until it has registered the entry (just after a deploy) or run it.
/// </summary>
public sealed record CronEntryView(int Id, string Schedule, string Command, DateTimeOffset? NextRun, DateTimeOffset? LastRun, string? LastState);
