using Paas.Core.Formation;
using Paas.Core.Routing;

namespace Paas.Core.Contracts;

/// <summary>
/// What <c>apps:report</c> shows: one app with everything that configures it (values of config vars
/// excepted), and what it takes on disk.
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
    DiskUsageView? DiskUsage = null);
