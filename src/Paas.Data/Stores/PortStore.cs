using Paas.Core.Routing;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class PortStore(Db db) : IPortStore
{
    public async Task<IReadOnlyList<PortMapping>> ListAsync(long appId, CancellationToken ct) =>
        (await db.QueryAsync<(string Scheme, int HostPort, int ContainerPort)>(
            "select scheme, host_port, container_port from port_mappings where app_id = @appId order by host_port, scheme, container_port",
            new { appId }, ct))
        .Select(r => new PortMapping(r.Scheme, r.HostPort, r.ContainerPort)).ToList();

    public async Task<IReadOnlyList<(string App, PortMapping Mapping)>> ListOthersOnHostPortAsync(long appId, int hostPort, CancellationToken ct) =>
        (await db.QueryAsync<(string App, string Scheme, int HostPort, int ContainerPort)>(
            """
            select a.name, p.scheme, p.host_port, p.container_port
            from port_mappings p join apps a on a.id = p.app_id
            where p.host_port = @hostPort and p.app_id <> @appId
            """,
            new { appId, hostPort }, ct))
        .Select(r => (r.App, new PortMapping(r.Scheme, r.HostPort, r.ContainerPort))).ToList();

    public Task AddAsync(long appId, PortMapping mapping, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            insert into port_mappings (app_id, scheme, host_port, container_port)
            values (@appId, @Scheme, @HostPort, @ContainerPort) on conflict do nothing
            """,
            new { appId, mapping.Scheme, mapping.HostPort, mapping.ContainerPort }, ct);

    public async Task<bool> RemoveAsync(long appId, PortMapping mapping, CancellationToken ct) =>
        await db.ExecuteAsync(
            """
            delete from port_mappings
            where app_id = @appId and scheme = @Scheme and host_port = @HostPort and container_port = @ContainerPort
            """,
            new { appId, mapping.Scheme, mapping.HostPort, mapping.ContainerPort }, ct) > 0;
}
