using Paas.Core.Apps;

namespace Paas.Core.State;

public interface IAppStore
{
    /// <summary>Throws <see cref="Errors.ConflictException"/> when the name is taken.</summary>
    Task<App> CreateAsync(string name, CancellationToken ct);

    Task<App?> FindAsync(string name, CancellationToken ct);

    /// <summary>Finds the app and locks its row until the transaction ends, serialising changes to one app.</summary>
    Task<App?> FindForUpdateAsync(string name, CancellationToken ct);

    Task<IReadOnlyList<App>> ListAsync(CancellationToken ct);

    Task RenameAsync(long appId, string newName, CancellationToken ct);

    Task SetLockedAsync(long appId, bool locked, CancellationToken ct);

    Task SetCurrentReleaseAsync(long appId, int version, CancellationToken ct);

    /// <summary>The release whose containers take traffic (set by a deploy's route switch).</summary>
    Task SetServingReleaseAsync(long appId, int version, CancellationToken ct);

    Task SetStoppedAsync(long appId, bool stopped, CancellationToken ct);

    Task DeleteAsync(long appId, CancellationToken ct);
}
