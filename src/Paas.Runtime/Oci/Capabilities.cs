namespace Paas.Runtime.Oci;

/// <summary>Capability sets a container process gets (REFERENCE §2.3, DESIGN §5).</summary>
public static class Capabilities
{
    /// <summary>
    /// Docker's default set for root processes without CAP_NET_RAW. CAP_SYS_RESOURCE is not in it,
    /// which matters: some VMs drop it from the bounding set and runc then fails with "unable to
    /// apply caps". NET_RAW is out because raw and packet sockets let a container forge packets on
    /// the bridge (a SYN to the host's 127.0.0.1 via the gateway's MAC, spoofed sources); ping
    /// still works through ICMP datagram sockets (ping_group_range, set in every container netns).
    /// </summary>
    public static IReadOnlyList<string> DockerDefault { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
        "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    /// <summary>Root gets Docker's set (less NET_RAW), anyone else nothing.</summary>
    public static IReadOnlyList<string> For(uint uid) => uid == 0 ? DockerDefault : [];
}
