using System.Net;

namespace Paas.Core.Networking;

/// <summary>A container's place on the network: its netns (joined by the OCI runtime), address and published ports.</summary>
public sealed record NetworkAttachment(
    string ContainerId,
    string NetnsPath,
    IPAddress Address,
    IPAddress Gateway,
    IReadOnlyList<PortBinding> Ports);
