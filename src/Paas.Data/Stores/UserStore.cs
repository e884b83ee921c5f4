using Paas.Core.Auth;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class UserStore(Db db) : IUserStore
{
    public async Task<User?> FindByNameAsync(string name, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<UserRow>(
            "select id as Id, name as Name, role as Role, created_at as CreatedAt from users where name = @name", new { name }, ct))
        ?.ToUser();

    public async Task<bool> HasGrantAsync(long userId, long appId, CancellationToken ct) =>
        await db.QuerySingleAsync<bool>(
            "select exists (select 1 from app_grants where user_id = @userId and app_id = @appId)", new { userId, appId }, ct);

    public Task GrantAsync(long userId, long appId, CancellationToken ct) =>
        db.ExecuteAsync(
            "insert into app_grants (user_id, app_id) values (@userId, @appId) on conflict do nothing", new { userId, appId }, ct);
}
