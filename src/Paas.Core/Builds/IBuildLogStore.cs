namespace Paas.Core.Builds;

/// <summary>
/// The stored output of each build, apart from the app's runtime logs: a build's log is its own,
/// kept after the build for `builds:output`, removed with the app.
/// </summary>
public interface IBuildLogStore
{
    /// <summary>Creates the build's log, empty and private, and opens it for appending.</summary>
    Task<IBuildLogWriter> CreateAsync(long appId, long buildId, CancellationToken ct);

    /// <summary>The complete lines written after byte <paramref name="offset"/>, at most about <paramref name="maxBytes"/> of them.</summary>
    Task<BuildLogChunk> ReadAsync(long appId, long buildId, long offset, int maxBytes, CancellationToken ct);

    /// <summary>apps:destroy: every build log of the app. Nothing to remove is not an error.</summary>
    Task DeleteAppAsync(long appId, CancellationToken ct);
}
