using Paas.Core.Auth;
using Paas.Core.Ssh;

namespace Paas.Core.State;

public interface ISshKeyStore
{
    /// <summary>
    /// Throws <see cref="Errors.ConflictException"/> when the name is taken (names are global, as Dokku's)
    /// or the key itself is already added, by anyone.
    /// </summary>
    Task<SshKey> AddAsync(long userId, string name, string publicKey, string fingerprint, CancellationToken ct);

    /// <summary>Keys of one user, or of everyone when <paramref name="userId"/> is null; by name.</summary>
    Task<IReadOnlyList<SshKey>> ListAsync(long? userId, CancellationToken ct);

    /// <summary>Removes the key of that name, if it belongs to <paramref name="userId"/> (any user's when null).</summary>
    Task<bool> RemoveAsync(long? userId, string name, CancellationToken ct);

    /// <summary>The key with this id and its user, or null when there is none (never added, or removed).</summary>
    Task<(SshKey Key, User User)?> FindByIdAsync(long id, CancellationToken ct);
}
