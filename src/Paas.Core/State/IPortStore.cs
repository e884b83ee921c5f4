using Paas.Core.Routing;

namespace Paas.Core.State;

public interface IPortStore
{
    Task<IReadOnlyList<PortMapping>> ListAsync(long appId, CancellationToken ct);

    /// <summary>Mappings of other apps on this host port (to refuse a tcp/udp port two apps cannot share).</summary>
    Task<IReadOnlyList<(string App, PortMapping Mapping)>> ListOthersOnHostPortAsync(long appId, int hostPort, CancellationToken ct);

    Task AddAsync(long appId, PortMapping mapping, CancellationToken ct);

    Task<bool> RemoveAsync(long appId, PortMapping mapping, CancellationToken ct);
}
