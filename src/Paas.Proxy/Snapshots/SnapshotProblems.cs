using System.Net;
using Paas.Core.Routing;

namespace Paas.Proxy.Snapshots;

/// <summary>
/// What makes a parsed routes.json unusable, all problems at once (JSON that parses can still
/// lack a list or name a port that cannot be bound). A snapshot with problems is not applied:
/// the router keeps serving the one before.
/// </summary>
internal static class SnapshotProblems
{
    public static IReadOnlyList<string> Of(RoutingSnapshot snapshot)
    {
        var problems = new List<string>();
        if (snapshot.Listeners is null) problems.Add("'listeners' is missing");
        else
        {
            foreach (var listener in snapshot.Listeners)
            {
                if (listener is null) { problems.Add("a listener is null"); continue; }
                if (listener.Scheme is not ("http" or "https"))
                    problems.Add($"listener '{listener.Scheme}:{listener.Port}' has scheme '{listener.Scheme}': the router serves http or https");
                if (listener.Port is < 1 or > 65535)
                    problems.Add($"listener '{listener.Scheme}:{listener.Port}' has a port outside 1-65535");
            }
            foreach (var port in snapshot.Listeners.Where(l => l is not null).GroupBy(l => l.Port).Where(g => g.Count() > 1))
                problems.Add($"port {port.Key} is listed {port.Count()} times: a port is either http or https");
        }

        if (snapshot.Apps is null) problems.Add("'apps' is missing");
        else
        {
            foreach (var app in snapshot.Apps)
            {
                if (app is null) { problems.Add("an app is null"); continue; }
                var name = $"app '{app.App}' (id {app.AppId})";
                if (app.Hosts is null || app.Mappings is null || app.Backends is null)
                    problems.Add($"{name} lacks hosts, mappings or backends (use [] for none)");
                if (app.Backends is not null)
                    foreach (var backend in app.Backends.Where(b => b is null || !IPAddress.TryParse(b.Address, out _)))
                        problems.Add($"{name} has a backend whose address '{backend?.Address}' is not an IP address");
                if (app.Mappings is not null)
                    foreach (var mapping in app.Mappings.Where(m => m is null || m.ListenPort is < 1 or > 65535 || m.ContainerPort is < 1 or > 65535))
                        problems.Add($"{name} has a mapping with a port outside 1-65535: {mapping}");
                if (app.Certificate is { } c && (string.IsNullOrEmpty(c.CertificateFile) || string.IsNullOrEmpty(c.KeyFile)))
                    problems.Add($"{name} has a certificate without its certificate or key file");
            }
        }
        return problems;
    }
}
