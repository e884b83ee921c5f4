using Npgsql;
using Paas.Core.Errors;
using Paas.Core.Storage;
using Paas.Testing;

namespace Paas.Data.Tests;

/// <summary>Migration 0016: an app's storage mounts, one per container path, gone with the app.</summary>
public sealed class StorageStoreTests(StateDatabaseFixture db) : IClassFixture<StateDatabaseFixture>
{
    private static string Unique() => "app-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Mounts_AreListedByPath_AndRemovedByNameAndPath()
    {
        await using var session = await db.Store.BeginAsync(default);
        var app = await session.Apps.CreateAsync(Unique(), default);
        await session.Storage.AddAsync(app.Id, new StorageMount("uploads", "/app/uploads", false), default);
        await session.Storage.AddAsync(app.Id, new StorageMount("uploads", "/srv/copy", true), default);
        await session.Storage.AddAsync(app.Id, new StorageMount("db", "/app/db", false), default);

        Assert.Equal(
            [new StorageMount("db", "/app/db", false), new StorageMount("uploads", "/app/uploads", false), new StorageMount("uploads", "/srv/copy", true)],
            await session.Storage.ListAsync(app.Id, default));
        Assert.False(await session.Storage.RemoveAsync(app.Id, "db", "/app/uploads", default));
        Assert.True(await session.Storage.RemoveAsync(app.Id, "uploads", "/app/uploads", default));
        Assert.Equal(2, (await session.Storage.ListAsync(app.Id, default)).Count);
    }

    [Fact]
    public async Task TheKey_RefusesASecondMountAtOnePathOfOneApp_ButAnotherAppMayUseThePath()
    {
        await using var session = await db.Store.BeginAsync(default);
        var a = await session.Apps.CreateAsync(Unique(), default);
        var b = await session.Apps.CreateAsync(Unique(), default);
        await session.Storage.AddAsync(a.Id, new StorageMount("data", "/data", false), default);
        await session.Storage.AddAsync(b.Id, new StorageMount("data", "/data", false), default);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => session.Storage.AddAsync(a.Id, new StorageMount("other", "/data", true), default));

        Assert.Contains("already mounts something at '/data'", conflict.Message);
    }

    [Fact]
    public async Task DestroyingTheApp_RemovesItsMounts()
    {
        await using var session = await db.Store.BeginAsync(default);
        var app = await session.Apps.CreateAsync(Unique(), default);
        await session.Storage.AddAsync(app.Id, new StorageMount("data", "/data", false), default);

        await session.Apps.DeleteAsync(app.Id, default);

        Assert.Empty(await session.Storage.ListAsync(app.Id, default));
    }

    [Theory]
    [InlineData("/etc", "/data")]
    [InlineData("data", "relative")]
    [InlineData("Data", "/data")]
    public async Task TheTable_RefusesRowsNoParsedMountCouldBe(string name, string path)
    {
        await using var session = await db.Store.BeginAsync(default);
        var app = await session.Apps.CreateAsync(Unique(), default);

        var e = await Assert.ThrowsAnyAsync<Exception>(() => session.Storage.AddAsync(app.Id, new StorageMount(name, path, false), default));

        Assert.Equal(PostgresErrorCodes.CheckViolation, Assert.IsType<PostgresException>(e.InnerException ?? e).SqlState);
    }
}
