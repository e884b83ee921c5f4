namespace Paas.Core.Jobs;

/// <summary>
/// "Run job <see cref="Job"/> with <see cref="Argument"/>" as written by an operation in the
/// transaction of its change; handed to the job queue once that transaction committed.
/// </summary>
public sealed record OutboxEntry(long Id, string Job, long Argument, DateTimeOffset CreatedAt);
