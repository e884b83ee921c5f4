namespace Paas.Core.Networking;

/// <summary>
/// Port bindings that cannot be published: out of range, unknown protocol, a host port given twice,
/// or a host port another container already publishes. Lists every problem at once.
/// </summary>
public sealed class InvalidPortBindingException : ContainerNetworkException
{
    public InvalidPortBindingException(IReadOnlyList<string> problems)
        : base("invalid port bindings: " + string.Join("; ", problems)) => Problems = problems;

    public IReadOnlyList<string> Problems { get; }
}
