using System.Collections.Concurrent;

namespace Paas.Engine.Users;

/// <summary>
/// When this paasd last changed a user's password or removed them. A login cookie is checked against the database at
/// most every 30 s; one issued or checked before such a change is checked at once, so the change takes effect on the
/// next request rather than up to 30 s later. Changes made before this paasd started are not known here, so a cookie
/// last checked before the start is checked again too.
/// </summary>
public sealed class CredentialChanges(TimeProvider time)
{
    private readonly ConcurrentDictionary<long, DateTimeOffset> _changedAt = new();
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    public void Record(long userId) => _changedAt[userId] = time.GetUtcNow();

    public bool ChangedSince(long userId, DateTimeOffset since) =>
        since < _startedAt || (_changedAt.TryGetValue(userId, out var at) && at >= since);
}
