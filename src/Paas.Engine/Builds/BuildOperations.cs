using Paas.Core.Auth;
using Paas.Core.Builds;

namespace Paas.Engine.Builds;

/// <summary>
/// Builds of an app's commits: a push of the deploy branch, ps:rebuild, and what follows a build
/// (predeploy, the release).
/// </summary>
public sealed class BuildOperations
{
    /// <summary>
    /// Builds <paramref name="commit"/>, pushed to <paramref name="branch"/> and still in git's
    /// quarantine (<paramref name="quarantineDir"/>, null once the push is stored), streaming its
    /// output as it happens. Waits (saying so) while another build of the app runs. Returns the
    /// finished build; throws <see cref="BuildFailedException"/> when it failed (the push is then
    /// to be rejected) and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public Task<Build> BuildPushAsync(Actor actor, string app, string commit, string? branch, string? quarantineDir, IBuildOutput output, CancellationToken ct) =>
        throw new NotSupportedException("the build pipeline is being written (issue 9)");
}
