namespace Paas.Data.Jobs;

/// <summary>How often Hangfire's workers look for jobs enqueued by another process (see <see cref="JobStorageFactory.Options"/>).</summary>
public sealed record JobStorageSettings(TimeSpan QueuePollInterval)
{
    public static JobStorageSettings Default { get; } = new(TimeSpan.FromSeconds(5));
}
