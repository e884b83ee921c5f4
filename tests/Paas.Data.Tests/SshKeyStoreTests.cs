using Npgsql;
using Paas.Core.Auth;
using Paas.Core.Errors;

namespace Paas.Data.Tests;

public sealed class SshKeyStoreTests(StateDatabaseFixture db) : IClassFixture<StateDatabaseFixture>
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Fingerprints only need to be distinct here; the Engine computes real ones with ssh-keygen.</summary>
    private static string Fingerprint() => "SHA256:" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task AddedKey_IsListedForItsUser_AndFoundByIdWithItsUser()
    {
        var user = await CreateUserAsync("developer");
        var name = Unique("laptop");
        var fingerprint = Fingerprint();
        long id;
        await using (var session = await db.Store.BeginAsync(default))
        {
            var key = await session.SshKeys.AddAsync(user, name, "ssh-ed25519 AAAAC3Nz", fingerprint, default);
            id = key.Id;
            await session.CommitAsync(default);
        }

        await using var read = await db.Store.BeginAsync(default);
        var mine = await read.SshKeys.ListAsync(user, default);
        var found = await read.SshKeys.FindByIdAsync(id, default);

        var listed = Assert.Single(mine);
        Assert.Equal((name, "ssh-ed25519 AAAAC3Nz", fingerprint), (listed.Name, listed.PublicKey, listed.Fingerprint));
        Assert.Equal(user, found!.Value.User.Id);
        Assert.Equal(Role.Developer, found.Value.User.Role);
        Assert.Equal(name, found.Value.Key.Name);
        Assert.Contains(await read.SshKeys.ListAsync(null, default), k => k.Id == id);
    }

    [Fact]
    public async Task AKeyName_IsUniqueAcrossUsers()
    {
        var first = await CreateUserAsync("developer");
        var second = await CreateUserAsync("developer");
        var name = Unique("shared");
        await using (var session = await db.Store.BeginAsync(default))
        {
            await session.SshKeys.AddAsync(first, name, "ssh-ed25519 A", Fingerprint(), default);
            await session.CommitAsync(default);
        }

        await using var again = await db.Store.BeginAsync(default);
        var error = await Assert.ThrowsAsync<ConflictException>(() => again.SshKeys.AddAsync(second, name, "ssh-ed25519 B", Fingerprint(), default));
        Assert.Contains($"an SSH key named '{name}' already exists", error.Message);
    }

    [Fact]
    public async Task TheSameKey_CannotBeAddedTwice_EvenUnderAnotherName()
    {
        var user = await CreateUserAsync("developer");
        var fingerprint = Fingerprint();
        await using (var session = await db.Store.BeginAsync(default))
        {
            await session.SshKeys.AddAsync(user, Unique("a"), "ssh-ed25519 A", fingerprint, default);
            await session.CommitAsync(default);
        }

        await using var again = await db.Store.BeginAsync(default);
        var error = await Assert.ThrowsAsync<ConflictException>(() => again.SshKeys.AddAsync(user, Unique("b"), "ssh-ed25519 A", fingerprint, default));
        Assert.Contains($"this key ({fingerprint}) is already added", error.Message);
    }

    [Fact]
    public async Task Remove_OnlyTouchesTheGivenUsersKey_UnlessNoUserIsGiven()
    {
        var owner = await CreateUserAsync("developer");
        var other = await CreateUserAsync("developer");
        var name = Unique("k");
        long id;
        await using (var session = await db.Store.BeginAsync(default))
        {
            id = (await session.SshKeys.AddAsync(owner, name, "ssh-ed25519 A", Fingerprint(), default)).Id;
            await session.CommitAsync(default);
        }

        await using var remove = await db.Store.BeginAsync(default);
        var byOther = await remove.SshKeys.RemoveAsync(other, name, default);
        var stillThere = await remove.SshKeys.FindByIdAsync(id, default);
        var byAdmin = await remove.SshKeys.RemoveAsync(null, name, default);
        var gone = await remove.SshKeys.FindByIdAsync(id, default);

        Assert.False(byOther);
        Assert.NotNull(stillThere);
        Assert.True(byAdmin);
        Assert.Null(gone);
    }

    [Fact]
    public async Task DeletingAUser_RemovesTheirKeys()
    {
        var user = await CreateUserAsync("developer");
        long id;
        await using (var session = await db.Store.BeginAsync(default))
        {
            id = (await session.SshKeys.AddAsync(user, Unique("k"), "ssh-ed25519 A", Fingerprint(), default)).Id;
            await session.CommitAsync(default);
        }
        await ExecuteAsync("delete from users where id = @id", user);

        await using var read = await db.Store.BeginAsync(default);
        Assert.Null(await read.SshKeys.FindByIdAsync(id, default));
    }

    private async Task<long> CreateUserAsync(string role)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("insert into users (name, role) values (@name, @role) returning id", connection);
        command.Parameters.AddWithValue("name", Unique("user"));
        command.Parameters.AddWithValue("role", role);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, long id)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }
}
