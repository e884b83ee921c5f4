namespace Paas.Core.Events;

/// <summary>One line of the audit log. Details never hold config values or secrets, only names.</summary>
public sealed record AuditEvent(
    long Id,
    DateTimeOffset At,
    string Actor,
    string Action,
    string? App,
    IReadOnlyDictionary<string, string> Details);
