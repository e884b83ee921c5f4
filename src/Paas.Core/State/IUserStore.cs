using Paas.Core.Auth;

namespace Paas.Core.State;

public interface IUserStore
{
    Task<User?> FindByNameAsync(string name, CancellationToken ct);
}
