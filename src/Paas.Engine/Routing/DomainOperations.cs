using Paas.Core.Auth;
using Paas.Core.Domains;
using Paas.Core.Errors;
using Paas.Engine.Operations;

namespace Paas.Engine.Routing;

/// <summary>domains:add|remove|list. A domain belongs to one app at most.</summary>
public sealed class DomainOperations(StateOperation op)
{
    public Task<IReadOnlyList<string>> ListAsync(Actor actor, string app, CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return await s.Domains.ListAsync(found.Id, ct);
        }, ct);

    public Task<IReadOnlyList<string>> AddAsync(Actor actor, string app, IReadOnlyList<string> domains, CancellationToken ct)
    {
        var normalized = Validate(domains);
        return op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            foreach (var domain in normalized)
            {
                var owner = await s.Domains.FindOwnerAsync(domain, ct);
                if (owner is not null && owner != found.Name)
                    throw new ConflictException($"domain '{domain}' is already used by app '{owner}': remove it there first");
                await s.Domains.AddAsync(found.Id, domain, ct);
            }
            await StateOperation.AuditAsync(s, actor, "domains:add", app, ct, ("domains", string.Join(",", normalized)));
            return await s.Domains.ListAsync(found.Id, ct);
        }, ct);
    }

    public Task<IReadOnlyList<string>> RemoveAsync(Actor actor, string app, IReadOnlyList<string> domains, CancellationToken ct)
    {
        var normalized = Validate(domains);
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

    private static IReadOnlyList<string> Validate(IReadOnlyList<string>? domains)
    {
        var errors = new ValidationErrors();
        if (domains is null || domains.Count == 0)
            errors.Add("domains", "no domain given: name at least one, for example www.example.com");
        foreach (var domain in domains ?? [])
            errors.AddIf("domains", DomainName.Problem(domain ?? ""));
        errors.ThrowIfAny();
        return domains!.Select(DomainName.Normalize).Distinct().ToList();
    }
}
