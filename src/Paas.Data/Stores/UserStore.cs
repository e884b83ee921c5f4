using Paas.Core.Auth;
using Paas.Core.Errors;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class UserStore(Db db) : IUserStore
{
    private const string Columns = "id as Id, name as Name, role as Role, created_at as CreatedAt";
    private const string CredentialColumns = Columns + ", password_hash as PasswordHash, security_stamp as SecurityStamp";

    public async Task<User?> FindByNameAsync(string name, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<UserRow>($"select {Columns} from users where name = @name", new { name }, ct))
        ?.ToUser();

    public async Task<UserCredentials?> FindCredentialsByNameAsync(string name, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<UserRow>($"select {CredentialColumns} from users where name = @name", new { name }, ct))
        ?.ToCredentials();

    public async Task<UserCredentials?> FindCredentialsByIdAsync(long id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<UserRow>($"select {CredentialColumns} from users where id = @id", new { id }, ct))
        ?.ToCredentials();

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct) =>
        (await db.QueryAsync<SummaryRow>(
            """
            select u.id as Id, u.name as Name, u.role as Role, u.created_at as CreatedAt,
                   u.password_hash is not null as HasPassword,
                   (select count(*)::int from api_tokens t where t.user_id = u.id and t.revoked_at is null) as Tokens,
                   (select count(*)::int from ssh_keys k where k.user_id = u.id) as SshKeys,
                   array(select a.name from app_grants g join apps a on a.id = g.app_id where g.user_id = u.id order by a.name) as Apps
            from users u
            order by u.name
            """, null, ct))
        .Select(r => new UserSummary(r.ToUser(), r.HasPassword, r.Tokens, r.SshKeys, r.Apps)).ToList();

    public async Task<User> CreateAsync(string name, Role role, string passwordHash, string securityStamp, CancellationToken ct)
    {
        var row = await PostgresErrors.MapUniqueViolationAsync(
            () => db.QuerySingleAsync<UserRow>(
                $"""
                insert into users (name, role, password_hash, security_stamp) values (@name, @role, @passwordHash, @securityStamp)
                returning {Columns}
                """,
                new { name, role = role.ToString().ToLowerInvariant(), passwordHash, securityStamp }, ct),
            () => new ConflictException($"user '{name}' already exists: see `paas users:list`"));
        return row.ToUser();
    }

    public async Task<bool> RemoveAsync(long id, CancellationToken ct) =>
        await db.ExecuteAsync("delete from users where id = @id", new { id }, ct) > 0;

    public Task SetPasswordAsync(long id, string passwordHash, string securityStamp, CancellationToken ct) =>
        db.ExecuteAsync("update users set password_hash = @passwordHash, security_stamp = @securityStamp where id = @id",
            new { id, passwordHash, securityStamp }, ct);

    public async Task<bool> HasGrantAsync(long userId, long appId, CancellationToken ct) =>
        await db.QuerySingleAsync<bool>(
            "select exists (select 1 from app_grants where user_id = @userId and app_id = @appId)", new { userId, appId }, ct);

    public Task GrantAsync(long userId, long appId, CancellationToken ct) =>
        db.ExecuteAsync(
            "insert into app_grants (user_id, app_id) values (@userId, @appId) on conflict do nothing", new { userId, appId }, ct);

    public async Task<bool> RevokeGrantAsync(long userId, long appId, CancellationToken ct) =>
        await db.ExecuteAsync("delete from app_grants where user_id = @userId and app_id = @appId", new { userId, appId }, ct) > 0;

    public async Task<IReadOnlyList<User>> ListGrantedAsync(long appId, CancellationToken ct) =>
        (await db.QueryAsync<UserRow>(
            """
            select u.id as Id, u.name as Name, u.role as Role, u.created_at as CreatedAt
            from app_grants g join users u on u.id = g.user_id
            where g.app_id = @appId
            order by u.name
            """, new { appId }, ct))
        .Select(r => r.ToUser()).ToList();

    private sealed class SummaryRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public bool HasPassword { get; init; }
        public int Tokens { get; init; }
        public int SshKeys { get; init; }
        public string[] Apps { get; init; } = [];

        public User ToUser() => new(Id, Name, Enum.Parse<Role>(Role, ignoreCase: true), Timestamps.ToOffset(CreatedAt));
    }
}
