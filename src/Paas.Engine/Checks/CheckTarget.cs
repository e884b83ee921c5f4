using System.Net;
using Paas.Core.Builds;

namespace Paas.Engine.Checks;

/// <summary>
/// The running container a plan's checks probe. HTTP and TCP checks go to <see cref="Address"/>
/// only (a check's <c>port</c>, else <see cref="Port"/>, the container's PORT), never to a name;
/// <see cref="HostName"/> (the app's first domain) is sent as the Host header and
/// <see cref="Https"/> (the app has a certificate) as <c>X-Forwarded-Proto: https</c>, as Dokku
/// does, so apps that check either answer as they would behind the router. Uptime counts from
/// <see cref="StartedAt"/>; <see cref="Dyno"/> ("web.1") names the container in output.
/// </summary>
public sealed record CheckTarget(
    string ContainerId,
    string Dyno,
    IPAddress Address,
    int Port,
    string? HostName,
    bool Https,
    DateTimeOffset StartedAt)
{
    /// <summary>What command checks run through, so they see the app's environment (.profile.d, config vars).</summary>
    public IReadOnlyList<string> CommandLauncher { get; init; } = [AppImage.Exec];
}
