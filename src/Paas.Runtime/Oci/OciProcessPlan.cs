namespace Paas.Runtime.Oci;

/// <summary>The container's first process, fully resolved (absolute cwd, numeric ids).</summary>
public sealed record OciProcessPlan(
    IReadOnlyList<string> Args,
    IReadOnlyList<string> Env,
    string Cwd,
    uint Uid,
    uint Gid,
    IReadOnlyList<uint> AdditionalGids);
