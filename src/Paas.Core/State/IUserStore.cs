using Paas.Core.Auth;

namespace Paas.Core.State;

public interface IUserStore
{
    Task<User?> FindByNameAsync(string name, CancellationToken ct);

    Task<UserCredentials?> FindCredentialsByNameAsync(string name, CancellationToken ct);

    Task<UserCredentials?> FindCredentialsByIdAsync(long id, CancellationToken ct);

    Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct);

    /// <summary>Throws <see cref="Errors.ConflictException"/> when the name is taken.</summary>
    Task<User> CreateAsync(string name, Role role, string passwordHash, string securityStamp, CancellationToken ct);

    /// <summary>Removes the user with their tokens, SSH keys and grants (the foreign keys cascade).</summary>
    Task<bool> RemoveAsync(long id, CancellationToken ct);

    Task SetPasswordAsync(long id, string passwordHash, string securityStamp, CancellationToken ct);

    /// <summary>Whether a developer was granted this app (admins need no grant).</summary>
    Task<bool> HasGrantAsync(long userId, long appId, CancellationToken ct);

    Task GrantAsync(long userId, long appId, CancellationToken ct);

    Task<bool> RevokeGrantAsync(long userId, long appId, CancellationToken ct);

    /// <summary>The users granted this app, by name.</summary>
    Task<IReadOnlyList<User>> ListGrantedAsync(long appId, CancellationToken ct);
}
