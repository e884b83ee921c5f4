using Paas.Core.Containers;

namespace Paas.Core.Storage;

/// <summary>
/// The host directories behind apps' volumes, one per app id and volume name (ids are never reused, so
/// a renamed app keeps its data and a new app of an old name never sees it).
/// </summary>
public interface IAppVolumes
{
    /// <summary>
    /// The bind of <paramref name="mount"/> for a container of <paramref name="image"/>: its directory, made on
    /// first use and owned by the user the image runs as (as the host sees that user through the user namespace).
    /// </summary>
    Task<VolumeMount> PrepareAsync(long appId, string image, StorageMount mount, CancellationToken ct);

    /// <summary>
    /// storage:ensure-directory: makes the volume's directory now, as <see cref="PrepareAsync"/> would (owned by the user
    /// of <paramref name="image"/>, or of an image without USER when null), so data can be copied in before a container
    /// uses it. Returns the directory and its owner as the host sees it.
    /// </summary>
    Task<(string Path, uint Uid, uint Gid)> EnsureAsync(long appId, string? image, string name, CancellationToken ct);

    /// <summary>Where the app's volume <paramref name="name"/> lives on the host (whether or not it exists yet).</summary>
    string DirectoryOf(long appId, string name);

    /// <summary>The bytes of the app's volumes (apps:report), links not followed.</summary>
    Task<long> SizeBytesAsync(long appId, CancellationToken ct);

    /// <summary>Removes every volume directory of the app (apps:destroy).</summary>
    Task DeleteAppAsync(long appId, CancellationToken ct);
}
