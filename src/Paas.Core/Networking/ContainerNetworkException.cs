namespace Paas.Core.Networking;

/// <summary>Base of every error raised while attaching or detaching a container's network.</summary>
public class ContainerNetworkException : Exception
{
    public ContainerNetworkException(string message) : base(message) { }

    public ContainerNetworkException(string message, Exception inner) : base(message, inner) { }
}
