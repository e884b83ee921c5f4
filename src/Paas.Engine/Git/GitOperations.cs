using Paas.Core.Auth;
using Paas.Core.Git;

namespace Paas.Engine.Git;

/// <summary>
/// git push / clone / fetch of an app's repo, for every transport (smart HTTP, SSH): checks the
/// actor's rights on the app, then lets git's own server side run on the repo with the platform's
/// hooks.
/// </summary>
public sealed class GitOperations
{
    /// <summary>Returns git's exit code.</summary>
    public Task<int> ServeAsync(Actor actor, string app, GitSession session, Stream input, Stream output, CancellationToken ct) =>
        throw new NotSupportedException("git transports are being written (issue 9)");
}
