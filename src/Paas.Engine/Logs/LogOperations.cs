using System.Runtime.CompilerServices;
using Paas.Core.Apps;
using Paas.Core.Auth;
using Paas.Core.Containers;
using Paas.Core.Errors;
using Paas.Core.Formation;
using Paas.Engine.Operations;

namespace Paas.Engine.Logs;

/// <summary>
/// <c>logs APP [-t] [-n N] [-p TYPE]</c>: the app's history across containers and deploys. The
/// name is looked up once, here; the history is the app id's, and lines carry the app's current
/// name (a renamed app keeps its history under its new name).
/// </summary>
public sealed class LogOperations(StateOperation op, ILogStore logs)
{
    public const int MaxLines = 10_000;

    public async Task<IReadOnlyList<LogLine>> TailAsync(Actor actor, string app, int lines, string? processType, CancellationToken ct)
    {
        var found = await AuthorizeAsync(actor, app, lines, processType, ct);
        var tail = await logs.TailAsync(found.Id, lines, processType, ct);
        return tail.Select(l => l with { App = found.Name }).ToList();
    }

    public async IAsyncEnumerable<LogLine> FollowAsync(Actor actor, string app, string? processType, [EnumeratorCancellation] CancellationToken ct)
    {
        var found = await AuthorizeAsync(actor, app, 1, processType, ct);
        await foreach (var line in logs.FollowAsync(found.Id, processType, ct))
            yield return line with { App = found.Name };
    }

    private Task<App> AuthorizeAsync(Actor actor, string app, int lines, string? processType, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (lines is < 1 or > MaxLines)
            errors.Add("lines", $"lines {lines} is out of range: use 1 to {MaxLines}");
        if (processType is not null && !ProcessType.IsValid(processType))
            errors.Add("process", ProcessType.Problem(processType));
        errors.ThrowIfAny();
        return op.ReadAsync(s => StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct), ct);
    }
}
