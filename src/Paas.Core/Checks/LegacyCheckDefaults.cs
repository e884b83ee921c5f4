namespace Paas.Core.Checks;

/// <summary>
/// WAIT, TIMEOUT and ATTEMPTS for a CHECKS file that does not set them: `checks:set APP wait|timeout|attempts`
/// (or --global), else Dokku's defaults (DOKKU_CHECKS_WAIT=5, DOKKU_CHECKS_TIMEOUT=30, DOKKU_CHECKS_ATTEMPTS=5).
/// </summary>
public sealed record LegacyCheckDefaults(TimeSpan Wait, TimeSpan Timeout, int Attempts)
{
    public static LegacyCheckDefaults Dokku { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), 5);
}
