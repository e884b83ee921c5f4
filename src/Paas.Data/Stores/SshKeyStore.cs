using Paas.Core.Auth;
using Paas.Core.Errors;
using Paas.Core.Ssh;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class SshKeyStore(Db db) : ISshKeyStore
{
    private const string Columns =
        "k.id as Id, k.name as Name, k.user_id as UserId, u.name as UserName, k.public_key as PublicKey, k.fingerprint as Fingerprint, k.created_at as CreatedAt";

    public async Task<SshKey> AddAsync(long userId, string name, string publicKey, string fingerprint, CancellationToken ct)
    {
        var id = await PostgresErrors.MapUniqueViolationAsync(
            () => db.QuerySingleAsync<long>(
                "insert into ssh_keys (user_id, name, public_key, fingerprint) values (@userId, @name, @publicKey, @fingerprint) returning id",
                new { userId, name, publicKey, fingerprint }, ct),
            constraint => constraint == "ssh_keys_fingerprint_key"
                ? new ConflictException($"this key ({fingerprint}) is already added: see `paas ssh-keys:list`; one key can belong to one user only")
                : new ConflictException($"an SSH key named '{name}' already exists: choose another name, or remove it first with `paas ssh-keys:remove {name}`"));
        var row = await db.QuerySingleAsync<Row>(
            $"select {Columns} from ssh_keys k join users u on u.id = k.user_id where k.id = @id", new { id }, ct);
        return row.ToKey();
    }

    public async Task<IReadOnlyList<SshKey>> ListAsync(long? userId, CancellationToken ct) =>
        (await db.QueryAsync<Row>(
            $"""
            select {Columns} from ssh_keys k join users u on u.id = k.user_id
            where @userId::bigint is null or k.user_id = @userId
            order by k.name
            """,
            new { userId }, ct))
        .Select(r => r.ToKey()).ToList();

    public async Task<bool> RemoveAsync(long? userId, string name, CancellationToken ct) =>
        await db.ExecuteAsync(
            "delete from ssh_keys where name = @name and (@userId::bigint is null or user_id = @userId)",
            new { userId, name }, ct) > 0;

    public async Task<(SshKey Key, User User)?> FindByIdAsync(long id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            $"""
            select {Columns}, u.role as Role, u.created_at as UserCreatedAt
            from ssh_keys k join users u on u.id = k.user_id where k.id = @id
            """,
            new { id }, ct);
        if (row is null) return null;
        var user = new User(row.UserId, row.UserName, Enum.Parse<Role>(row.Role, ignoreCase: true), Timestamps.ToOffset(row.UserCreatedAt));
        return (row.ToKey(), user);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public long UserId { get; init; }
        public string UserName { get; init; } = "";
        public string PublicKey { get; init; } = "";
        public string Fingerprint { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public string Role { get; init; } = "";
        public DateTime UserCreatedAt { get; init; }

        public SshKey ToKey() => new(Id, Name, UserId, UserName, PublicKey, Fingerprint, Timestamps.ToOffset(CreatedAt));
    }
}
