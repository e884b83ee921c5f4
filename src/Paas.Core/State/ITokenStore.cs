using Paas.Core.Auth;

namespace Paas.Core.State;

public interface ITokenStore
{
    /// <summary>Throws <see cref="Errors.ConflictException"/> when the user already has an active token of that name.</summary>
    Task<ApiToken> CreateAsync(long userId, string name, string secretHash, CancellationToken ct);

    /// <summary>Active tokens of one user, or of everyone when <paramref name="userId"/> is null.</summary>
    Task<IReadOnlyList<ApiToken>> ListAsync(long? userId, CancellationToken ct);

    Task<bool> RevokeAsync(long? userId, string name, CancellationToken ct);

    /// <summary>The active token with this hash and its user, and marks it used.</summary>
    Task<(ApiToken Token, User User)?> AuthenticateAsync(string secretHash, CancellationToken ct);
}
