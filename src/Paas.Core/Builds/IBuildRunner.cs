namespace Paas.Core.Builds;

/// <summary>
/// Runs the Heroku buildpack API v2 in a build container (the same isolation as app containers,
/// plus outbound NAT) and packs the slug as an image layer on the stack.
/// </summary>
public interface IBuildRunner
{
    /// <summary>A fresh, root-only workspace for one build; returns the dir the source is to be extracted into.</summary>
    Task<string> CreateWorkspaceAsync(long buildId, CancellationToken ct);

    /// <summary>
    /// Builds; output lines reach <paramref name="output"/> as they are written. Throws
    /// <see cref="BuildFailedException"/> when the app's build fails, <see cref="OperationCanceledException"/>
    /// when cancelled. Whatever happens, the build container and the workspace are gone when it returns,
    /// and no image exists unless it succeeded.
    /// </summary>
    Task<BuildResult> BuildAsync(BuildRequest request, IBuildOutput output, CancellationToken ct);

    /// <summary>
    /// Removes the build's workspace when <see cref="BuildAsync"/> never ran (the source could not be
    /// extracted, the build was cancelled before it started). Nothing to remove is not an error.
    /// </summary>
    Task DeleteWorkspaceAsync(long buildId, CancellationToken ct);

    /// <summary>repo:purge-cache: the app's build cache is emptied (the next build starts cold).</summary>
    Task PurgeCacheAsync(long appId, CancellationToken ct);

    /// <summary>Bytes the app's build cache takes on disk (0 for none).</summary>
    Task<long> CacheSizeBytesAsync(long appId, CancellationToken ct);

    /// <summary>The builds that have a workspace on disk now (running ones, and any a failed removal left).</summary>
    Task<IReadOnlyList<long>> ListWorkspacesAsync(CancellationToken ct);
}
