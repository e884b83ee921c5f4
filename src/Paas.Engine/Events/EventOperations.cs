using Paas.Core.Apps;
using Paas.Core.Auth;
using Paas.Core.Errors;
using Paas.Core.Events;
using Paas.Engine.Operations;

namespace Paas.Engine.Events;

/// <summary>events: the audit log, newest first.</summary>
public sealed class EventOperations(StateOperation op)
{
    public const int MaxLimit = 1000;

    public Task<IReadOnlyList<AuditEvent>> ListAsync(Actor actor, string? app, int limit, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (limit is < 1 or > MaxLimit)
            errors.Add("limit", $"limit {limit} is out of range: use 1 to {MaxLimit}");
        if (app is not null)
            errors.AddIf("app", AppName.Problem(app));
        errors.ThrowIfAny();
        return op.ReadAsync(async s =>
        {
            // History outlives the app: an administrator may still read a destroyed app's events.
            if (!actor.IsAdmin)
            {
                if (app is null)
                    throw new ForbiddenException("only administrators can read the whole audit log: name an app with --app");
                await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            }
            return await s.Events.ListAsync(app, limit, ct);
        }, ct);
    }
}
