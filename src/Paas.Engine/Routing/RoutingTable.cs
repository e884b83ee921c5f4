using Paas.Core.Certificates;
using Paas.Core.Routing;

namespace Paas.Engine.Routing;

/// <summary>The routing table as read from the state, with the certificates its https routes name (the writer puts them in files).</summary>
public sealed record RoutingTable(IReadOnlyList<RouterListener> Listeners, IReadOnlyList<AppRoute> Apps, IReadOnlyList<AppCertificate> Certificates);
