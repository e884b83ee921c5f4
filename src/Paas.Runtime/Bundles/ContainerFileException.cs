namespace Paas.Runtime.Bundles;

/// <summary>A file paasd reads from a container's filesystem is not what it may read: the message names it and why.</summary>
public sealed class ContainerFileException(string message) : IOException(message);
