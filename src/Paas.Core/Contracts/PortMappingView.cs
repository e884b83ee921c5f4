using Paas.Core.Routing;

namespace Paas.Core.Contracts;

/// <summary>
/// A port mapping as <c>ports:list</c> shows it: the mapping's fields (so a reader of plain
/// mappings reads it as one) and, when the router reported it could not bind the mapping's port,
/// why (<see cref="Unbound"/>; null when it serves or nothing is known).
/// </summary>
public sealed record PortMappingView(string Scheme, int HostPort, int ContainerPort, string? Unbound = null)
{
    public PortMapping Mapping => new(Scheme, HostPort, ContainerPort);

    public override string ToString() => Mapping.ToString();
}
