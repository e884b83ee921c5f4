using Paas.Core.Auth;
using Paas.Core.Errors;
using Paas.Core.Routing;
using Paas.Engine.Operations;

namespace Paas.Engine.Routing;

/// <summary>
/// ports:add|remove|list. HTTP(S) host ports are shared between apps (the proxy routes by host name);
/// a tcp/udp host port is forwarded to one app only, so it cannot be shared with anything. Between apps
/// the database enforces that (concurrent claims have one winner); within one app, whose row this
/// operation locks, the rules are checked here to give a message that names the app's own mapping.
/// Host ports of the platform's own services are refused.
/// </summary>
public sealed class PortOperations(StateOperation op, EngineSettings settings)
{
    public Task<IReadOnlyList<PortMapping>> ListAsync(Actor actor, string app, CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return await s.Ports.ListAsync(found.Id, ct);
        }, ct);

    public Task<IReadOnlyList<PortMapping>> AddAsync(Actor actor, string app, IReadOnlyList<string> mappings, CancellationToken ct)
    {
        var parsed = Parse(mappings, checkReserved: true);
        return op.RunAsync(async s =>
        {
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
            }
            await StateOperation.AuditAsync(s, actor, "ports:add", app, ct, ("mappings", string.Join(",", parsed)));
            return await s.Ports.ListAsync(found.Id, ct);
        }, ct);
    }

    public Task<IReadOnlyList<PortMapping>> RemoveAsync(Actor actor, string app, IReadOnlyList<string> mappings, CancellationToken ct)
    {
        var parsed = Parse(mappings, checkReserved: false);
        return op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            foreach (var mapping in parsed)
                if (!await s.Ports.RemoveAsync(found.Id, mapping, ct))
                    throw new NotFoundException($"port mapping '{mapping}' is not set on app '{app}': see `paas ports:list {app}`");
            await StateOperation.AuditAsync(s, actor, "ports:remove", app, ct, ("mappings", string.Join(",", parsed)));
            return await s.Ports.ListAsync(found.Id, ct);
        }, ct);
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
