using Paas.Core.Storage;

namespace Paas.Core.State;

public interface IStorageStore
{
    Task<IReadOnlyList<StorageMount>> ListAsync(long appId, CancellationToken ct);

    /// <summary>
    /// Adds the mount. One container path takes one mount per app, enforced by the database: throws
    /// <see cref="Errors.ConflictException"/> when the app already mounts something there.
    /// </summary>
    Task AddAsync(long appId, StorageMount mount, CancellationToken ct);

    /// <summary>Removes the mount of <paramref name="name"/> at <paramref name="containerPath"/>; false when there is none.</summary>
    Task<bool> RemoveAsync(long appId, string name, string containerPath, CancellationToken ct);
}
