using Npgsql;
using Paas.Core.Routing;
using Paas.Engine;

namespace Paas.Host.Configuration;

/// <summary>Turns paasd's settings into the Engine's rules: which host ports belong to the platform's own services, and the size limits.</summary>
public static class EngineSettingsFactory
{
    public const int SshPort = 22;
    public const int PostgresPort = 5432;
    public const int ProxyHttpsPort = 443;
    private const string Proxy = "the app proxy (paas-router)";

    public static EngineSettings Create(PaasSettings settings) => new(
        settings.Domain,
        ReservedPorts(settings),
        settings.MaxConfigBytes,
        settings.MaxInstancesPerType,
        settings.MaxInstances)
    {
        RouterDirectory = RoutingSnapshotFile.DirectoryUnder(settings.Root),
        HttpListenPort = settings.HttpPort,
        HttpsListenPort = settings.HttpsPort,
        CronTestInterval = settings.CronTestInterval,
    };

    public static IReadOnlyList<ReservedPort> ReservedPorts(PaasSettings settings)
    {
        var databasePort = DatabasePort(settings.Database);
        var proxyPorts = new HashSet<int> { 80, ProxyHttpsPort, settings.HttpPort, settings.HttpsPort };
        var apiPorts = settings.ApiUrls.Select(u => u.Port).ToHashSet();
        var listed = settings.ReservedPorts
            ?? [SshPort, PostgresPort, .. databasePort is { } p ? [p] : Array.Empty<int>(), .. proxyPorts];
        // Where the router really serves http(s) is its own whatever PAAS_RESERVED_PORTS lists: a
        // tcp mapping there would take the port from every app's http(s) routes.
        int[] routerPorts = [settings.HttpPort, settings.HttpsPort];

        var reserved = apiPorts.Select(port => new ReservedPort(port, "paasd's API (PAAS_API_URLS)")).ToList();
        foreach (var port in listed.Concat(routerPorts).Distinct().Where(p => !apiPorts.Contains(p)))
            reserved.Add(port switch
            {
                SshPort => new ReservedPort(port, "SSH"),
                _ when port == PostgresPort || port == databasePort => new ReservedPort(port, "PostgreSQL"),
                _ when proxyPorts.Contains(port) => new ReservedPort(port, Proxy, ServedByProxy: true),
                _ => new ReservedPort(port, "a service of this host (PAAS_RESERVED_PORTS)"),
            });
        return reserved;
    }

    /// <summary>The TCP port of the state database, when PAAS_DATABASE names a host (not a unix socket directory).</summary>
    private static int? DatabasePort(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return builder.Host is { Length: > 0 } host && !host.StartsWith('/') ? builder.Port : null;
    }
}
