namespace Paas.Host.Jobs;

/// <summary>
/// Whether Hangfire's schema is installed in this run of paasd (<see cref="JobServices"/> installs it
/// in the background after start). Until then Hangfire's dashboard would query tables that may not
/// be there, or be changing, and answer 500; the dashboard's gate answers 503 instead.
/// </summary>
public sealed class JobSchemaStatus
{
    private volatile bool _installed;

    public bool Installed => _installed;

    public void MarkInstalled() => _installed = true;
}
