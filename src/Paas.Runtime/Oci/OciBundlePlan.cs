using Paas.Core.Images;
using Paas.Core.Limits;
using Paas.Runtime.UserNamespaces;

namespace Paas.Runtime.Oci;

/// <summary>
/// Everything config.json is generated from. <see cref="NetnsPath"/> joins an existing network
/// namespace (CNI); null with <see cref="HostNetwork"/> false gives a fresh, empty one.
/// <see cref="UserNamespace"/> null keeps the host's user namespace (container root is host root).
/// </summary>
public sealed record OciBundlePlan(
    string Id,
    OciProcessPlan Process,
    string Hostname,
    string RootfsPath,
    IReadOnlyList<BindMount> Binds,
    string? NetnsPath,
    bool HostNetwork,
    ResourceLimits Limits,
    IReadOnlyDictionary<string, string> Annotations,
    string CgroupsPath,
    bool CgroupV2,
    bool SwapAccounting,
    ulong OpenFilesLimit,
    UserNamespaceMapping? UserNamespace = null);
