namespace Paas.Core.Contracts;

public sealed record DomainsRequest(IReadOnlyList<string> Domains);

/// <summary>Port mappings as users write them: <c>scheme:host:container</c>.</summary>
public sealed record PortsRequest(IReadOnlyList<string> Mappings);
