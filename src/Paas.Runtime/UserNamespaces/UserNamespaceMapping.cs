namespace Paas.Runtime.UserNamespaces;

/// <summary>
/// The one user namespace every container runs in: container ids 0..Count-1 are host ids
/// HostUid.. and HostGid.. (a range reserved for Paas in /etc/subuid and /etc/subgid). Layers are
/// stored shifted into it once at unpack, so container root owns them without being host root.
/// </summary>
public sealed record UserNamespaceMapping
{
    /// <summary>The whole 16-bit id space: nobody (65534) and devpts' tty group (5) must be mapped.</summary>
    public const uint MinimumCount = 65536;

    /// <summary>Where an id from a layer that the namespace cannot hold lands: the container's nobody.</summary>
    public const uint Nobody = 65534;

    public UserNamespaceMapping(uint hostUid, uint hostGid, uint count = MinimumCount)
    {
        if (hostUid == 0 || hostGid == 0)
            throw new ArgumentException("container root must map to an unprivileged host id, not 0: reserve a range such as paas:100000:65536 in /etc/subuid and /etc/subgid");
        if (count < MinimumCount)
            throw new ArgumentException($"a user namespace needs at least {MinimumCount} ids (got {count}) so that every 16-bit id an image uses is mapped");
        if ((ulong)hostUid + count > uint.MaxValue || (ulong)hostGid + count > uint.MaxValue)
            throw new ArgumentException($"the id range starting at {hostUid}/{hostGid} with {count} ids runs past the largest id");
        HostUid = hostUid;
        HostGid = hostGid;
        Count = count;
    }

    public uint HostUid { get; }
    public uint HostGid { get; }
    public uint Count { get; }

    /// <summary>The host uid that stands for <paramref name="containerUid"/> (an unmapped one becomes the container's nobody).</summary>
    public uint ToHostUid(uint containerUid) => HostUid + (containerUid < Count ? containerUid : Nobody);

    public uint ToHostGid(uint containerGid) => HostGid + (containerGid < Count ? containerGid : Nobody);

    /// <summary>The container uid of a file on the host; ids outside the range (host root's files) stay as they are.</summary>
    public uint ToContainerUid(uint hostUid) => hostUid >= HostUid && hostUid - HostUid < Count ? hostUid - HostUid : hostUid;

    public uint ToContainerGid(uint hostGid) => hostGid >= HostGid && hostGid - HostGid < Count ? hostGid - HostGid : hostGid;

    public bool Maps(uint containerId) => containerId < Count;

    public override string ToString() => $"uids {HostUid}-{HostUid + Count - 1}, gids {HostGid}-{HostGid + Count - 1}";
}
