using Paas.Core.Auth;
using Paas.Core.Errors;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class TokenStore(Db db) : ITokenStore
{
    private const string Columns =
        "t.id as Id, t.name as Name, t.user_id as UserId, u.name as UserName, t.created_at as CreatedAt, t.last_used_at as LastUsedAt";

    public async Task<ApiToken> CreateAsync(long userId, string name, string secretHash, CancellationToken ct)
    {
        var id = await PostgresErrors.MapUniqueViolationAsync(
            () => db.QuerySingleAsync<long>(
                "insert into api_tokens (user_id, name, secret_hash) values (@userId, @name, @secretHash) returning id",
                new { userId, name, secretHash }, ct),
            () => new ConflictException($"a token named '{name}' already exists: revoke it first with `paas tokens:revoke {name}`"));
        var row = await db.QuerySingleAsync<Row>(
            $"select {Columns} from api_tokens t join users u on u.id = t.user_id where t.id = @id", new { id }, ct);
        return row.ToToken();
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(long? userId, CancellationToken ct) =>
        (await db.QueryAsync<Row>(
            $"""
            select {Columns} from api_tokens t join users u on u.id = t.user_id
            where t.revoked_at is null and (@userId::bigint is null or t.user_id = @userId)
            order by u.name, t.name
            """,
            new { userId }, ct))
        .Select(r => r.ToToken()).ToList();

    public async Task<bool> RevokeAsync(long? userId, string name, CancellationToken ct) =>
        await db.ExecuteAsync(
            """
            update api_tokens set revoked_at = now()
            where name = @name and revoked_at is null and (@userId::bigint is null or user_id = @userId)
            """,
            new { userId, name }, ct) > 0;

    public async Task<(ApiToken Token, User User)?> AuthenticateAsync(string secretHash, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            $"""
            update api_tokens t set last_used_at = now()
            from users u
            where u.id = t.user_id and t.secret_hash = @secretHash and t.revoked_at is null
            returning {Columns}, u.role as Role, u.created_at as UserCreatedAt
            """,
            new { secretHash }, ct);
        if (row is null) return null;
        var user = new User(row.UserId, row.UserName, Enum.Parse<Role>(row.Role, ignoreCase: true), Timestamps.ToOffset(row.UserCreatedAt));
        return (row.ToToken(), user);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public long UserId { get; init; }
        public string UserName { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public DateTime? LastUsedAt { get; init; }
        public string Role { get; init; } = "";
        public DateTime UserCreatedAt { get; init; }

        public ApiToken ToToken() => new(Id, Name, UserId, UserName, Timestamps.ToOffset(CreatedAt), Timestamps.ToOffset(LastUsedAt));
    }
}
