namespace Paas.Host.Configuration;

/// <summary>paasd's settings. The names are the environment variables and the keys of /etc/paas/paas.json.</summary>
public sealed record PaasSettings(
    string Root,
    string Database,
    IReadOnlyList<Uri> ApiUrls,
    string Socket,
    string Domain,
    int HttpPort,
    string Subnet = "10.213.0.0/16",
    bool OutboundNat = true,
    long ImageMaxLayerBytes = PaasSettings.DefaultImageMaxBytes,
    long ImageMaxBytes = PaasSettings.DefaultImageMaxBytes)
{
    /// <summary>10 GiB: how far one imported layer, and a whole imported image, may expand uncompressed.</summary>
    public const long DefaultImageMaxBytes = 10L << 30;
    /// <summary>
    /// PAAS_RESERVED_PORTS: host ports no app may map (the proxy's own ports stay open to http/https
    /// mappings). Default: SSH 22, PostgreSQL 5432 (and the port PAAS_DATABASE names), the proxy's 80, 443
    /// and PAAS_HTTP_PORT. paasd's API ports (PAAS_API_URLS) are always reserved on top of this list.
    /// </summary>
    public IReadOnlyList<int>? ReservedPorts { get; init; }

    /// <summary>PAAS_MAX_CONFIG_BYTES: all KEY=VALUE of one app together (default 1m).</summary>
    public long MaxConfigBytes { get; init; } = Engine.EngineSettings.DefaultMaxConfigBytes;

    /// <summary>PAAS_MAX_INSTANCES_PER_TYPE: containers of one process type of one app (default 100).</summary>
    public int MaxInstancesPerType { get; init; } = Engine.EngineSettings.DefaultMaxInstancesPerType;

    /// <summary>PAAS_MAX_INSTANCES: containers of one app, all process types together (default 500).</summary>
    public int MaxInstances { get; init; } = Engine.EngineSettings.DefaultMaxInstances;

    /// <summary>PAAS_SOCKET_GROUP: the group that may use the unix socket (default paas; the SSH user is a member).</summary>
    public string SocketGroup { get; init; } = Listening.UnixSocket.Group;

    /// <summary>PAAS_SSH_USER: the system user SSH logins use (paas@HOST), owner of its authorized_keys (default paas).</summary>
    public string SshUser { get; init; } = "paas";

    /// <summary>PAAS_SSH_AUTHORIZED_KEYS: the file paasd writes the SSH keys to (default: the SSH user's ~/.ssh/authorized_keys).</summary>
    public string? SshAuthorizedKeys { get; init; }

    /// <summary>PAAS_BUILDPACKS: the built-in buildpacks, tried in directory-name order (default /opt/paas/buildpacks, where the install script puts them).</summary>
    public string BuildpacksDirectory { get; init; } = "/opt/paas/buildpacks";

    /// <summary>PAAS_BRIDGE: the Linux bridge containers are attached to (default paas0).</summary>
    public string Bridge { get; init; } = "paas0";

    /// <summary>PAAS_HTTPS_PORT: where paas-router serves https mappings of host port 443 (default 443; tests move it).</summary>
    public int HttpsPort { get; init; } = 443;

    /// <summary>
    /// PAAS_CRON_TEST_INTERVAL: tests only. Seconds (1-59) after which every app.json cron entry runs
    /// again, whatever its schedule, so that a test sees a scheduled run without waiting for a minute.
    /// </summary>
    public TimeSpan? CronTestInterval { get; init; }

    /// <summary>PAAS_CLI: the paas executable sshd runs for each key (default: the paas beside paasd).</summary>
    /// <summary>PAAS_SESSION_HOURS: a dashboard login unused this long ends (default 8).</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = Api.Auth.SessionSettings.DefaultIdleTimeout;

    /// <summary>PAAS_SESSION_MAX_HOURS: a dashboard login ends this long after logging in, however busy (default 24).</summary>
    public TimeSpan SessionMaxLifetime { get; init; } = Api.Auth.SessionSettings.DefaultMaxLifetime;

    /// <summary>
    /// PAAS_DASHBOARD_REVALIDATE_SECONDS: how often an open dashboard (a Blazor circuit, which outlives the
    /// request its cookie came with) checks its login against the database (default 30).
    /// </summary>
    public TimeSpan DashboardRevalidationInterval { get; init; } = Dashboard.Auth.CircuitSessionSettings.DefaultRevalidationInterval;

    /// <summary>
    /// PAAS_API_CERT and PAAS_API_KEY: the PEM certificate (with its chain) and private key that
    /// <c>https://</c> entries of PAAS_API_URLS serve; required when there is one, read at paasd's start.
    /// </summary>
    public string? ApiCertificate { get; init; }

    public string? ApiCertificateKey { get; init; }

    public string CliPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "paas");

    /// <summary>PAAS_METRICS_INTERVAL, PAAS_METRICS_RAW_MINUTES, PAAS_METRICS_RETENTION_DAYS: see docs/METRICS.md.</summary>
    public Engine.Metrics.MetricsSettings Metrics { get; init; } = new();
}
