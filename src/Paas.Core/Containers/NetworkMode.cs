namespace Paas.Core.Containers;

public enum NetworkMode
{
    /// <summary>A private network namespace with only a loopback device.</summary>
    None,

    /// <summary>A private network namespace on the paas bridge with its own IP (CNI).</summary>
    Bridge,

    /// <summary>The host's network namespace (build containers only).</summary>
    Host,
}
