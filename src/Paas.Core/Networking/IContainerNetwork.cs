namespace Paas.Core.Networking;

/// <summary>One network namespace per container, wired to the host bridge through CNI plugins.</summary>
public interface IContainerNetwork
{
    /// <summary>
    /// Creates the container's netns and runs loopback, bridge with host-local IPAM and portmap in it.
    /// On failure nothing is left behind.
    /// </summary>
    /// <param name="isolationGroup">
    /// Containers reach each other only within one group (the app: its id, see
    /// <see cref="Containers.ContainerLabels.AppId"/>); other groups' containers only through published ports.
    /// </param>
    Task<NetworkAttachment> AttachAsync(string containerId, string hostname, string isolationGroup, IReadOnlyList<PortBinding> ports, CancellationToken ct);

    /// <summary>
    /// Like <see cref="AttachAsync"/>, but in the network namespace the OCI runtime made for the
    /// created (not yet started) container whose init is <paramref name="pid"/>. A container in a
    /// user namespace needs that: only a network namespace its user namespace owns lets container
    /// root mount its sysfs, and lets `runc exec` (which joins the user namespace first) enter it.
    /// </summary>
    Task<NetworkAttachment> AttachToProcessAsync(string containerId, int pid, string isolationGroup, IReadOnlyList<PortBinding> ports, CancellationToken ct);

    /// <summary>Removes portmap rules, veth, IP allocation and netns. Idempotent: "already gone" is success.</summary>
    Task DetachAsync(string containerId, CancellationToken ct);

    Task<NetworkAttachment?> FindAsync(string containerId, CancellationToken ct);

    /// <summary>At paasd start: detaches every attachment whose container id is not in the live set. Returns how many.</summary>
    Task<int> RemoveStaleAsync(IReadOnlySet<string> liveContainerIds, CancellationToken ct);
}
