namespace Paas.Runtime.Bundles;

/// <summary>A resolved process identity and its home directory.</summary>
public sealed record UserSpec(uint Uid, uint Gid, IReadOnlyList<uint> AdditionalGids, string Home);
