using Paas.Core.Auth;

namespace Paas.Core.State;

public interface IUserStore
{
    Task<User?> FindByNameAsync(string name, CancellationToken ct);

    /// <summary>Whether a developer was granted this app (admins need no grant).</summary>
    Task<bool> HasGrantAsync(long userId, long appId, CancellationToken ct);

    Task GrantAsync(long userId, long appId, CancellationToken ct);
}
