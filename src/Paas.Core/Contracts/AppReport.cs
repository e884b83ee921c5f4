using Paas.Core.Formation;
using Paas.Core.Routing;

namespace Paas.Core.Contracts;

/// <summary>
/// What <c>apps:report</c> shows: one app with everything that configures it (values of config vars
/// excepted), what it takes on disk, its mappings whose host port the router could not bind
/// (null when there are none), and its storage mounts (NAME:/path[:ro]).
/// </summary>
public sealed record AppReport(
    string Name,
    DateTimeOffset CreatedAt,
    bool Locked,
    int? CurrentRelease,
    IReadOnlyList<string> Domains,
    IReadOnlyList<PortMapping> Ports,
    IReadOnlyList<FormationEntry> Formation,
    IReadOnlyList<LimitsView> Limits,
    IReadOnlyList<string> ConfigKeys,
    DiskUsageView? DiskUsage = null,
    IReadOnlyList<string>? UnboundPorts = null,
    IReadOnlyList<string>? StorageMounts = null);
