using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Operations;

namespace Paas.Engine.Users;

/// <summary>apps:grant|revoke|grants: which developers may see and change an app. Administrators decide.</summary>
public sealed class GrantOperations(StateOperation op)
{
    public Task GrantAsync(Actor actor, string app, string userName, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "grant apps");
        return op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            var user = await s.Users.FindByNameAsync(userName, ct) ?? throw UserOperations.NotFound(userName);
            await s.Users.GrantAsync(user.Id, found.Id, ct);
            await StateOperation.AuditAsync(s, actor, "apps:grant", app, ct, ("user", userName));
            return true;
        }, ct);
    }

    public Task RevokeAsync(Actor actor, string app, string userName, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "revoke grants");
        return op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            var user = await s.Users.FindByNameAsync(userName, ct) ?? throw UserOperations.NotFound(userName);
            if (!await s.Users.RevokeGrantAsync(user.Id, found.Id, ct))
                throw new Core.Errors.NotFoundException($"user '{userName}' has no grant on app '{app}': see `paas apps:grants {app}`");
            await StateOperation.AuditAsync(s, actor, "apps:revoke", app, ct, ("user", userName));
            return true;
        }, ct);
    }

    public Task<IReadOnlyList<GrantView>> ListAsync(Actor actor, string app, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "list grants");
        return op.ReadAsync<IReadOnlyList<GrantView>>(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return (await s.Users.ListGrantedAsync(found.Id, ct)).Select(u => new GrantView(app, u.Name, UserOperations.RoleText(u.Role))).ToList();
        }, ct);
    }
}
