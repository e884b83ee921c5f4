namespace Paas.Core.Networking;

/// <summary>
/// A host port published to a container port. <paramref name="Protocol"/> is "tcp" or "udp";
/// an empty <paramref name="HostIp"/> means every host address (including 127.0.0.1).
/// </summary>
public sealed record PortBinding(string Protocol, int HostPort, int ContainerPort, string HostIp = "");
