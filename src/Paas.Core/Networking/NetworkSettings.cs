namespace Paas.Core.Networking;

/// <summary>
/// How containers are attached: the Linux bridge they share, the IPv4 subnet host-local
/// allocates from, and whether traffic leaving the host is masqueraded (on for installs,
/// off in tests so nothing leaves the machine).
/// </summary>
public sealed record NetworkSettings(string BridgeName = "paas0", string Subnet = "10.213.0.0/16", bool OutboundNat = false);
