namespace Paas.Runtime.Oci;

/// <summary>Capability sets a container process gets (REFERENCE §2.3, DESIGN §5).</summary>
public static class Capabilities
{
    /// <summary>
    /// Docker's default set for root processes. CAP_SYS_RESOURCE is not in it, which matters:
    /// some VMs drop it from the bounding set and runc then fails with "unable to apply caps".
    /// </summary>
    public static IReadOnlyList<string> DockerDefault { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
        "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    /// <summary>Root gets Docker's set, anyone else nothing.</summary>
    public static IReadOnlyList<string> For(uint uid) => uid == 0 ? DockerDefault : [];
}
