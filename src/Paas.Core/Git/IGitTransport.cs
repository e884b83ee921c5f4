namespace Paas.Core.Git;

/// <summary>
/// Runs git's own server side (receive-pack / upload-pack) on an app's bare repo with the
/// platform's hooks. Input is copied to git's stdin, git's stdout to <paramref name="output"/> as it
/// arrives. Cancellation kills git and its hooks (their whole process tree), so an aborted push
/// never updates a ref.
/// </summary>
public interface IGitTransport
{
    /// <summary>Returns git's exit code.</summary>
    Task<int> ServeAsync(long appId, GitSession session, Stream input, Stream output, CancellationToken ct);
}
