using Paas.Core.Auth;
using Paas.Core.Domains;
using Paas.Core.Errors;
using Paas.Engine.Operations;

namespace Paas.Engine.Routing;

/// <summary>domains:add|remove|list. A domain belongs to one app at most; the database decides which.</summary>
public sealed class DomainOperations(StateOperation op, EngineSettings settings)
{
    public Task<IReadOnlyList<string>> ListAsync(Actor actor, string app, CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return await s.Domains.ListAsync(found.Id, ct);
        }, ct);

    public Task<IReadOnlyList<string>> AddAsync(Actor actor, string app, IReadOnlyList<string> domains, CancellationToken ct)
    {
        var normalized = Validate(domains, domain => AppDomains.Problem(domain, app, settings.PlatformDomain));
        return op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            foreach (var domain in normalized)
                await s.Domains.AddAsync(found.Id, domain, ct);
            await StateOperation.AuditAsync(s, actor, "domains:add", app, ct, ("domains", string.Join(",", normalized)));
            return await s.Domains.ListAsync(found.Id, ct);
        }, ct);
    }

    public Task<IReadOnlyList<string>> RemoveAsync(Actor actor, string app, IReadOnlyList<string> domains, CancellationToken ct)
    {
        // Removing takes any well-formed name, so that names stored before the rules of AddAsync can still go.
        var normalized = Validate(domains, DomainName.Problem);
        return op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            foreach (var domain in normalized)
                if (!await s.Domains.RemoveAsync(found.Id, domain, ct))
                    throw new NotFoundException($"domain '{domain}' is not a domain of app '{app}': see `paas domains:list {app}`");
            await StateOperation.AuditAsync(s, actor, "domains:remove", app, ct, ("domains", string.Join(",", normalized)));
            return await s.Domains.ListAsync(found.Id, ct);
        }, ct);
    }

    private static IReadOnlyList<string> Validate(IReadOnlyList<string>? domains, Func<string, string?> problem)
    {
        var errors = new ValidationErrors();
        if (domains is null || domains.Count == 0)
            errors.Add("domains", "no domain given: name at least one, for example www.example.com");
        else if (domains.Count > EngineSettings.MaxItemsPerRequest)
            errors.Add("domains", $"{domains.Count} domains in one request: give at most {EngineSettings.MaxItemsPerRequest} at a time");
        else
            foreach (var domain in domains)
                errors.AddIf("domains", problem(domain ?? ""));
        errors.ThrowIfAny();
        // One order for every request: two requests adding the same names wait for each other in the same order, never in a cycle.
        return domains!.Select(DomainName.Normalize).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
