namespace Paas.Core.Containers;

/// <summary>A container operation failed; the message names the container and says what went wrong.</summary>
public class ContainerException(string message, Exception? inner = null) : Exception(message, inner);
