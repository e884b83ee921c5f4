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

    /// <summary>PAAS_BUILDPACKS: the built-in buildpacks (default /opt/paas/buildpacks; tests point it at the checkout's buildpacks/).</summary>
    public string BuildpacksDirectory { get; init; } = "/opt/paas/buildpacks";
}
