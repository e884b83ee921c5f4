using System.Globalization;

namespace Paas.Core.Routing;

/// <summary>Dokku's <c>scheme:host:container</c> port mapping, e.g. <c>http:80:5000</c>.</summary>
public sealed record PortMapping(string Scheme, int HostPort, int ContainerPort)
{
    public static readonly IReadOnlyList<string> Schemes = ["http", "https", "tcp", "udp"];

    public static PortMapping Default { get; } = new("http", 80, 5000);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Scheme}:{HostPort}:{ContainerPort}");

    public static string? TryParse(string text, out PortMapping mapping)
    {
        mapping = Default;
        var parts = text.Trim().Split(':');
        if (parts.Length != 3)
            return $"port mapping '{text}' is invalid: use scheme:host:container, for example http:80:5000";
        var scheme = parts[0].ToLowerInvariant();
        if (!Schemes.Contains(scheme))
            return $"port mapping '{text}' has an unknown scheme '{parts[0]}': use one of {string.Join(", ", Schemes)}";
        if (!TryParsePort(parts[1], out var host))
            return $"port mapping '{text}' has an invalid host port '{parts[1]}': use a number from 1 to 65535";
        if (!TryParsePort(parts[2], out var container))
            return $"port mapping '{text}' has an invalid container port '{parts[2]}': use a number from 1 to 65535";
        mapping = new PortMapping(scheme, host, container);
        return null;
    }

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
