using Paas.Core.Releases;

namespace Paas.Core.State;

public interface IReleaseStore
{
    Task<IReadOnlyList<Release>> ListAsync(long appId, CancellationToken ct);

    Task<Release?> FindLatestAsync(long appId, CancellationToken ct);

    Task<Release?> FindAsync(long appId, int version, CancellationToken ct);

    /// <summary>Releases of any app whose image is one of <paramref name="images"/> (references or manifest digests), oldest first per app.</summary>
    Task<IReadOnlyList<ImageUse>> ListUsingImageAsync(IReadOnlyCollection<string> images, CancellationToken ct);

    /// <summary>Inserts the next version (latest + 1, starting at 1). Call with the app row locked.</summary>
    Task<Release> CreateAsync(NewRelease release, CancellationToken ct);
}
