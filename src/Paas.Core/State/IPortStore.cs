using Paas.Core.Routing;

namespace Paas.Core.State;

public interface IPortStore
{
    Task<IReadOnlyList<PortMapping>> ListAsync(long appId, CancellationToken ct);

    /// <summary>
    /// Adds the mapping (nothing when the app has it already). HTTP(S) host ports are shared between apps;
    /// a host port with a tcp or udp mapping belongs to one app, enforced by the database, so of concurrent
    /// claims exactly one wins. Throws <see cref="Errors.ConflictException"/> when another app holds the port.
    /// Within one session, add mappings in ascending host port order (claims queue per port; one order means no deadlock).
    /// </summary>
    Task AddAsync(long appId, PortMapping mapping, CancellationToken ct);

    Task<bool> RemoveAsync(long appId, PortMapping mapping, CancellationToken ct);
}
