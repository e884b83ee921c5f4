namespace Paas.Core.Networking;

/// <summary>
/// A host port published to a container port. <paramref name="Protocol"/> is "tcp" or "udp";
/// an empty <paramref name="HostIp"/> means every host address except 127.0.0.0/8 (containers
/// may not reach the host's loopback, so nothing is published there: docs/NETWORK-ISOLATION.md).
/// </summary>
public sealed record PortBinding(string Protocol, int HostPort, int ContainerPort, string HostIp = "");
