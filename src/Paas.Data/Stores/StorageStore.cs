using Paas.Core.Errors;
using Paas.Core.State;
using Paas.Core.Storage;

namespace Paas.Data.Stores;

internal sealed class StorageStore(Db db) : IStorageStore
{
    public async Task<IReadOnlyList<StorageMount>> ListAsync(long appId, CancellationToken ct) =>
        (await db.QueryAsync<(string Name, string ContainerPath, bool ReadOnly)>(
            "select name, container_path, read_only from storage_mounts where app_id = @appId order by container_path",
            new { appId }, ct))
        .Select(r => new StorageMount(r.Name, r.ContainerPath, r.ReadOnly)).ToList();

    /// <summary>The primary key (app, container path) decides: of two mounts at one path, the second insert fails.</summary>
    public Task AddAsync(long appId, StorageMount mount, CancellationToken ct) =>
        PostgresErrors.MapUniqueViolationAsync(
            () => db.ExecuteAsync(
                """
                insert into storage_mounts (app_id, container_path, name, read_only)
                values (@appId, @ContainerPath, @Name, @ReadOnly)
                """,
                new { appId, mount.ContainerPath, mount.Name, mount.ReadOnly }, ct),
            () => new ConflictException(
                $"the app already mounts something at '{mount.ContainerPath}': unmount it first (see `paas storage:list`) or choose another container path"));

    public async Task<bool> RemoveAsync(long appId, string name, string containerPath, CancellationToken ct) =>
        await db.ExecuteAsync(
            "delete from storage_mounts where app_id = @appId and name = @name and container_path = @containerPath",
            new { appId, name, containerPath }, ct) > 0;
}
