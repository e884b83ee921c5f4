using Paas.Core.Auth;
using Paas.Core.Errors;
using Paas.Core.Routing;
using Paas.Engine.Operations;

namespace Paas.Engine.Routing;

/// <summary>
/// ports:add|remove|list. HTTP(S) host ports are shared between apps (the proxy routes by host name);
/// a tcp/udp host port is forwarded to one app only, so it cannot be shared with anything.
/// </summary>
public sealed class PortOperations(StateOperation op)
{
    public Task<IReadOnlyList<PortMapping>> ListAsync(Actor actor, string app, CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return await s.Ports.ListAsync(found.Id, ct);
        }, ct);

    public Task<IReadOnlyList<PortMapping>> AddAsync(Actor actor, string app, IReadOnlyList<string> mappings, CancellationToken ct)
    {
        var parsed = Parse(mappings);
        return op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            foreach (var mapping in parsed)
            {
                foreach (var (otherApp, other) in await s.Ports.ListOthersOnHostPortAsync(found.Id, mapping.HostPort, ct))
                    if (IsExclusive(mapping) || IsExclusive(other))
                        throw new ConflictException(
                            $"host port {mapping.HostPort} is already used by app '{otherApp}' ({other}): a tcp or udp host port cannot be shared");
                await s.Ports.AddAsync(found.Id, mapping, ct);
            }
            await StateOperation.AuditAsync(s, actor, "ports:add", app, ct, ("mappings", string.Join(",", parsed)));
            return await s.Ports.ListAsync(found.Id, ct);
        }, ct);
    }

    public Task<IReadOnlyList<PortMapping>> RemoveAsync(Actor actor, string app, IReadOnlyList<string> mappings, CancellationToken ct)
    {
        var parsed = Parse(mappings);
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

    private static IReadOnlyList<PortMapping> Parse(IReadOnlyList<string>? mappings)
    {
        var errors = new ValidationErrors();
        var parsed = new List<PortMapping>();
        if (mappings is null || mappings.Count == 0)
            errors.Add("mappings", "no port mapping given: use scheme:host:container, for example http:80:5000");
        foreach (var text in mappings ?? [])
        {
            var problem = PortMapping.TryParse(text ?? "", out var mapping);
            if (problem is null) parsed.Add(mapping);
            else errors.Add("mappings", problem);
        }
        errors.ThrowIfAny();
        return parsed.Distinct().ToList();
    }
}
