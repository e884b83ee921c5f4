using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Routing;
using Paas.Engine.Operations;

namespace Paas.Engine.Routing;

/// <summary>
/// ports:add|remove|list. HTTP(S) host ports are shared between apps (the proxy routes by host name);
/// a tcp/udp host port is forwarded to one app only, so it cannot be shared with anything. Between apps
/// the database enforces that (concurrent claims have one winner); within one app, whose row this
/// operation locks, the rules are checked here to give a message that names the app's own mapping.
/// Host ports of the platform's own services are refused. A port another process of the host holds
/// is refused after the fact: the router reports it cannot bind it, and the mappings just added
/// are taken back, so the database never lists a mapping nobody can serve as if it were served.
/// </summary>
public sealed class PortOperations(StateOperation op, EngineSettings settings, RoutingTableWriter routing, RoutingTableBuilder routes)
{
    /// <summary>How long ports:add waits for the router's word on a new port (it binds in milliseconds when it follows).</summary>
    public static readonly TimeSpan RouterConfirmTimeout = TimeSpan.FromSeconds(3);

    public async Task<IReadOnlyList<PortMappingView>> ListAsync(Actor actor, string app, CancellationToken ct) =>
        Views(await op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return await s.Ports.ListAsync(found.Id, ct);
        }, ct), routing.ReadReport());

    /// <summary>The app's mappings with the router's word on each port (see <see cref="RouterAppliedReport"/>).</summary>
    public IReadOnlyList<PortMappingView> Views(IReadOnlyList<PortMapping> mappings, RouterAppliedReport? report) =>
        mappings.Select(m => new PortMappingView(m.Scheme, m.HostPort, m.ContainerPort, report?.ReasonFor(routes.ListenerOf(m)))).ToList();

    /// <summary>The mappings whose port the router reported it could not bind, as "scheme:host:container (reason)".</summary>
    public IReadOnlyList<string> Unbound(IReadOnlyList<PortMapping> mappings) =>
        Views(mappings, routing.ReadReport()).Where(v => v.Unbound is not null).Select(v => $"{v} ({v.Unbound})").ToList();

    public async Task<IReadOnlyList<PortMappingView>> AddAsync(Actor actor, string app, IReadOnlyList<string> mappings, CancellationToken ct)
    {
        var parsed = Parse(mappings, checkReserved: true);
        var added = new List<PortMapping>();
        var all = await op.RunAsync(async s =>
        {
            added.Clear(); // a retried transaction starts over
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            var own = (await s.Ports.ListAsync(found.Id, ct)).ToList();
            foreach (var mapping in parsed)
            {
                if (own.Contains(mapping)) continue;
                if (own.FirstOrDefault(o => o.HostPort == mapping.HostPort && Clashes(o, mapping)) is { } clash)
                    throw new ConflictException(
                        $"port mapping '{mapping}' clashes with '{clash}' of app '{app}': a tcp or udp host port takes one mapping per protocol and no http(s) mapping");
                await s.Ports.AddAsync(found.Id, mapping, ct);
                own.Add(mapping);
                added.Add(mapping);
            }
            await StateOperation.AuditAsync(s, actor, "ports:add", app, ct, ("mappings", string.Join(",", parsed)));
            return await s.Ports.ListAsync(found.Id, ct);
        }, ct);
        if (added.Count == 0) return Views(all, routing.ReadReport());

        var report = await routing.WriteAndConfirmAsync(RouterConfirmTimeout, ct);
        var refused = added.Select(m => (Mapping: m, Listener: routes.ListenerOf(m)))
            .Select(r => (r.Mapping, r.Listener.Port, Reason: report?.ReasonFor(r.Listener)))
            .FirstOrDefault(r => r.Reason is not null);
        if (refused.Reason is null) return Views(all, report);

        await UndoAsync(actor, app, added, ct);
        throw new ConflictException(
            $"port mapping '{refused.Mapping}': host port {refused.Port} is in use by another process on this host, so the router cannot listen there " +
            $"({refused.Reason}); nothing was added: free the port or choose another host port");
    }

    /// <summary>Takes back what <see cref="AddAsync"/> added, and has the router let the port go.</summary>
    private async Task UndoAsync(Actor actor, string app, IReadOnlyList<PortMapping> added, CancellationToken ct)
    {
        await op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            foreach (var mapping in added) await s.Ports.RemoveAsync(found.Id, mapping, ct);
            await StateOperation.AuditAsync(s, actor, "ports:add undone", app, ct, ("mappings", string.Join(",", added)), ("why", "host port in use"));
            return 0;
        }, CancellationToken.None);
        await routing.WriteAsync(CancellationToken.None);
    }

    public async Task<IReadOnlyList<PortMappingView>> RemoveAsync(Actor actor, string app, IReadOnlyList<string> mappings, CancellationToken ct)
    {
        var parsed = Parse(mappings, checkReserved: false);
        return Views(await op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            foreach (var mapping in parsed)
                if (!await s.Ports.RemoveAsync(found.Id, mapping, ct))
                    throw new NotFoundException($"port mapping '{mapping}' is not set on app '{app}': see `paas ports:list {app}`");
            await StateOperation.AuditAsync(s, actor, "ports:remove", app, ct, ("mappings", string.Join(",", parsed)));
            return await s.Ports.ListAsync(found.Id, ct);
        }, ct), routing.ReadReport());
    }

    private static bool IsExclusive(PortMapping mapping) => mapping.Scheme is "tcp" or "udp";

    /// <summary>Within one app: tcp and udp may share a port number; anything else with a tcp/udp mapping may not.</summary>
    private static bool Clashes(PortMapping existing, PortMapping added) =>
        (IsExclusive(existing) || IsExclusive(added)) && !(IsExclusive(existing) && IsExclusive(added) && existing.Scheme != added.Scheme);

    private IReadOnlyList<PortMapping> Parse(IReadOnlyList<string>? mappings, bool checkReserved)
    {
        var errors = new ValidationErrors();
        var parsed = new List<PortMapping>();
        if (mappings is null || mappings.Count == 0)
            errors.Add("mappings", "no port mapping given: use scheme:host:container, for example http:80:5000");
        else if (mappings.Count > EngineSettings.MaxItemsPerRequest)
            errors.Add("mappings", $"{mappings.Count} port mappings in one request: give at most {EngineSettings.MaxItemsPerRequest} at a time");
        else
            foreach (var text in mappings)
            {
                var problem = PortMapping.TryParse(text ?? "", out var mapping);
                if (problem is null && checkReserved)
                    problem = ReservedPort.Problem(mapping, settings.ReservedPorts);
                if (problem is null) parsed.Add(mapping);
                else errors.Add("mappings", problem);
            }
        errors.ThrowIfAny();
        // Ascending host ports: the store queues claims per port, and one order for everyone rules out deadlocks.
        return parsed.Distinct().OrderBy(m => m.HostPort).ThenBy(m => m.Scheme, StringComparer.Ordinal).ToList();
    }
}
