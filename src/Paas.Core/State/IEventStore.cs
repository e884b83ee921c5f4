using Paas.Core.Events;

namespace Paas.Core.State;

public interface IEventStore
{
    /// <summary>Records an audit event. Callers pass names only: never config values or secrets.</summary>
    Task RecordAsync(string actor, string action, string? app, IReadOnlyDictionary<string, string> details, CancellationToken ct);

    Task<IReadOnlyList<AuditEvent>> ListAsync(string? app, int limit, CancellationToken ct);
}
