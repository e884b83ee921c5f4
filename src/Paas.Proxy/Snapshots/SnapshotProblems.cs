using System.Net;
using Paas.Core.Routing;

namespace Paas.Proxy.Snapshots;

/// <summary>What of a snapshot can be served, and what was left out and why.</summary>
internal sealed record SnapshotCheck(RoutingSnapshot Usable, IReadOnlyList<string> LeftOut);

/// <summary>
/// Checks a parsed routes.json. A file without its lists is unusable as a whole (the router keeps
/// the snapshot it serves); anything wrong inside one listener, app, mapping or backend leaves out
/// just that part, so one app's bad entry never stops every other app's routes from moving. A tcp
/// or udp port forwards to one app: a second app's mapping on it is left out (paasd never writes
/// one). A udp port is a socket of its own: it may share its number with a tcp, http or https one.
/// </summary>
internal static class SnapshotProblems
{
    /// <summary>Throws <see cref="InvalidDataException"/> naming every reason the snapshot cannot be used at all.</summary>
    public static SnapshotCheck Check(RoutingSnapshot snapshot)
    {
        var fatal = new List<string>();
        if (snapshot.Listeners is null) fatal.Add("'listeners' is missing");
        if (snapshot.Apps is null) fatal.Add("'apps' is missing");
        if (fatal.Count > 0) throw new InvalidDataException(string.Join("; ", fatal));

        var leftOut = new List<string>();
        var listeners = new List<RouterListener>();
        foreach (var listener in snapshot.Listeners!)
        {
            if (listener is null) leftOut.Add("a listener that is null");
            else if (listener.Scheme is not ("http" or "https" or "tcp" or "udp") || listener.Port is < 1 or > 65535)
                leftOut.Add($"listener {listener.Scheme}:{listener.Port}: the router serves http, https, tcp or udp on ports 1-65535");
            else if (listeners.FirstOrDefault(l => Listeners.ListenerSet.SamePort(l, listener)) is { } first)
            {
                if (first != listener) leftOut.Add($"listener {listener.Scheme}:{listener.Port}: port {listener.Port} is already {first.Scheme}");
            }
            else listeners.Add(listener);
        }

        var apps = new List<AppRoute>();
        var owners = new Dictionary<(string, int), string>();
        foreach (var app in snapshot.Apps!)
        {
            if (app is null) { leftOut.Add("an app that is null"); continue; }
            var name = $"app '{app.App}' (id {app.AppId})";
            if (app.Hosts is null || app.Mappings is null || app.Backends is null)
            {
                leftOut.Add($"{name}: it lacks hosts, mappings or backends (use [] for none)");
                continue;
            }
            var mappings = app.Mappings.Where(m => m is not null && m.ListenPort is >= 1 and <= 65535 && m.ContainerPort is >= 1 and <= 65535).ToList();
            if (mappings.Count < app.Mappings.Count) leftOut.Add($"{name}: mappings with a port outside 1-65535");
            foreach (var exclusive in mappings.Where(m => m.Scheme is "tcp" or "udp").ToList())
            {
                var key = (exclusive.Scheme, exclusive.ListenPort);
                if (owners.TryAdd(key, name) || owners[key] == name) continue;
                leftOut.Add($"{name}: its {exclusive.Scheme} mapping on port {exclusive.ListenPort}, which forwards to {owners[key]} already");
                mappings.Remove(exclusive);
            }
            var backends = app.Backends.Where(b => b is not null && IPAddress.TryParse(b.Address, out _)).ToList();
            foreach (var bad in app.Backends.Except(backends)) leftOut.Add($"{name}: backend '{bad?.Instance}' whose address '{bad?.Address}' is not an IP address");
            var certificate = app.Certificate;
            if (certificate is not null && (string.IsNullOrEmpty(certificate.CertificateFile) || string.IsNullOrEmpty(certificate.KeyFile)))
            {
                leftOut.Add($"{name}: its certificate, which names no certificate or key file");
                certificate = null;
            }
            apps.Add(app with { Hosts = app.Hosts.Where(h => !string.IsNullOrWhiteSpace(h)).ToList(), Mappings = mappings, Backends = backends, Certificate = certificate });
        }
        return new SnapshotCheck(snapshot with { Listeners = listeners, Apps = apps }, leftOut);
    }
}
