using Paas.Core.Routing;

namespace Paas.Engine;

/// <summary>
/// What the Engine's rules take from paasd's settings: the platform domain (whose names belong to
/// apps by name), the host ports the platform's own services listen on, and the size limits.
/// </summary>
public sealed record EngineSettings(
    string PlatformDomain,
    IReadOnlyList<ReservedPort> ReservedPorts,
    long MaxConfigBytes = EngineSettings.DefaultMaxConfigBytes,
    int MaxInstancesPerType = EngineSettings.DefaultMaxInstancesPerType,
    int MaxInstances = EngineSettings.DefaultMaxInstances)
{
    /// <summary>1 MiB of KEY=VALUE per app: half of what Linux allows for a whole environment plus arguments (a quarter of an 8 MiB stack).</summary>
    public const long DefaultMaxConfigBytes = 1024 * 1024;

    /// <summary>More containers of one type than this on one host is a typo, not a plan.</summary>
    public const int DefaultMaxInstancesPerType = 100;

    /// <summary>Containers of all process types of one app together.</summary>
    public const int DefaultMaxInstances = 500;

    /// <summary>Process types one app may list in its formation (each is a row, even at quantity 0).</summary>
    public const int MaxProcessTypes = 100;

    /// <summary>Where paasd writes the routing snapshot for paas-router ($PAAS_ROOT/router); null writes none.</summary>
    public string? RouterDirectory { get; init; }

    /// <summary>Where the router really listens for mappings of host port 80 (PAAS_HTTP_PORT moves it, for tests).</summary>
    public int HttpListenPort { get; init; } = 80;

    /// <summary>Where the router really listens for mappings of host port 443 (PAAS_HTTPS_PORT).</summary>
    public int HttpsListenPort { get; init; } = 443;

    /// <summary>
    /// Tests only (PAAS_CRON_TEST_INTERVAL): every app.json cron entry runs this often instead of on its
    /// schedule, so a test sees a scheduled run in seconds rather than at the next minute.
    /// </summary>
    public TimeSpan? CronTestInterval { get; init; }

    /// <summary>Domains or port mappings one request may name.</summary>
    public const int MaxItemsPerRequest = 100;
}
