using Paas.Core.Auth;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class UserStore(Db db) : IUserStore
{
    public async Task<User?> FindByNameAsync(string name, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<UserRow>(
            "select id as Id, name as Name, role as Role, created_at as CreatedAt from users where name = @name", new { name }, ct))
        ?.ToUser();
}
