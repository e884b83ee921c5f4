using Paas.Core.Apps;
using Paas.Core.Auth;
using Paas.Core.Errors;
using Paas.Core.State;

namespace Paas.Engine.Operations;

/// <summary>
/// Runs one Engine operation in one state transaction: the work and its audit event commit together,
/// or nothing does. Every front end (REST, CLI through REST, dashboard) goes through here.
/// </summary>
public sealed class StateOperation(IStateStore state)
{
    public async Task<T> RunAsync<T>(Func<IStateSession, Task<T>> work, CancellationToken ct)
    {
        await using var session = await state.BeginAsync(ct);
        var result = await work(session);
        await session.CommitAsync(ct);
        return result;
    }

    /// <summary>Reads without writing; the transaction is rolled back on dispose.</summary>
    public async Task<T> ReadAsync<T>(Func<IStateSession, Task<T>> work, CancellationToken ct)
    {
        await using var session = await state.BeginAsync(ct);
        return await work(session);
    }

    /// <summary>Finds the app the actor may act on, or throws 404 (also for apps a developer was not granted, so names don't leak).</summary>
    public static async Task<App> RequireAppAsync(IStateSession session, Actor actor, string name, bool forUpdate, CancellationToken ct)
    {
        if (!AppName.IsValid(name))
            throw new ValidationException("app", AppName.Problem(name)!);
        var app = forUpdate ? await session.Apps.FindForUpdateAsync(name, ct) : await session.Apps.FindAsync(name, ct);
        if (app is null || (!actor.IsAdmin && !await session.Users.HasGrantAsync(actor.UserId, app.Id, ct)))
            throw NotFoundException.App(name);
        return app;
    }

    public static Task AuditAsync(IStateSession session, Actor actor, string action, string? app, CancellationToken ct,
        params (string Key, string Value)[] details) =>
        session.Events.RecordAsync(actor.Name, action, app,
            details.Append((Key: "via", Value: actor.Via)).ToDictionary(d => d.Key, d => d.Value), ct);
}
