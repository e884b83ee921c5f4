using Paas.Core.Errors;
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

    /// <summary>Advisory lock space of host port claims (the bytes of "paas"); the second key is the port.</summary>
    private const int HostPortLocks = 0x70616173;

    /// <summary>
    /// The exclusion constraint of migration 0003 decides who owns a tcp/udp host port: whoever's insert
    /// commits first; a later insert fails. Claims of one port first queue on a transaction-scoped advisory
    /// lock: two inserts that each see the other's uncommitted row would otherwise wait for each other, and
    /// PostgreSQL would end one with "deadlock detected" instead of a constraint violation. The message names
    /// no app, since the caller may not be allowed to see the owner.
    /// </summary>
    public async Task AddAsync(long appId, PortMapping mapping, CancellationToken ct)
    {
        // Shared mappings never conflict with each other, so they share the lock; tcp/udp claims take it alone.
        var lockFunction = mapping.Scheme is "tcp" or "udp" ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared";
        await db.ExecuteAsync($"select {lockFunction}(@space, @port)", new { space = HostPortLocks, port = mapping.HostPort }, ct);
        await PostgresErrors.MapExclusionViolationAsync(
            () => db.ExecuteAsync(
                """
                insert into port_mappings (app_id, scheme, host_port, container_port)
                values (@appId, @Scheme, @HostPort, @ContainerPort)
                on conflict (app_id, scheme, host_port, container_port) do nothing
                """,
                new { appId, mapping.Scheme, mapping.HostPort, mapping.ContainerPort }, ct),
            () => new ConflictException(
                $"port {mapping.Scheme}:{mapping.HostPort} is already used by another app: a host port with a tcp or udp mapping belongs to one app only; choose another host port"));
    }

    public async Task<bool> RemoveAsync(long appId, PortMapping mapping, CancellationToken ct) =>
        await db.ExecuteAsync(
            """
            delete from port_mappings
            where app_id = @appId and scheme = @Scheme and host_port = @HostPort and container_port = @ContainerPort
            """,
            new { appId, mapping.Scheme, mapping.HostPort, mapping.ContainerPort }, ct) > 0;
}
