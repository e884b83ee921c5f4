using System.Text.Json;
using Paas.Core.Events;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class EventStore(Db db) : IEventStore
{
    public Task RecordAsync(string actor, string action, string? app, IReadOnlyDictionary<string, string> details, CancellationToken ct) =>
        db.ExecuteAsync(
            "insert into events (actor, action, app, details) values (@actor, @action, @app, @details::jsonb)",
            new { actor, action, app, details = JsonSerializer.Serialize(details) }, ct);

    public async Task<IReadOnlyList<AuditEvent>> ListAsync(string? app, int limit, CancellationToken ct) =>
        (await db.QueryAsync<Row>(
            """
            select id as Id, at as At, actor as Actor, action as Action, app as App, details::text as Details
            from events where @app::text is null or app = @app
            order by id desc limit @limit
            """,
            new { app, limit }, ct))
        .Select(r => r.ToEvent()).ToList();

    private sealed class Row
    {
        public long Id { get; init; }
        public DateTime At { get; init; }
        public string Actor { get; init; } = "";
        public string Action { get; init; } = "";
        public string? App { get; init; }
        public string Details { get; init; } = "{}";

        public AuditEvent ToEvent() => new(
            Id, Timestamps.ToOffset(At), Actor, Action, App,
            JsonSerializer.Deserialize<Dictionary<string, string>>(Details) ?? []);
    }
}
