using Paas.Core.Errors;

namespace Paas.Core.Deploys;

/// <summary>
/// A deploy failed for a reason the app's owner can fix (a health check, a release command, an
/// image that does not start); the message says which. The previous release keeps serving.
/// <paramref name="shownInOutput"/>: the deploy's output has the message as a line already (a
/// failed check prints its own), so the deploy's closing lines need not repeat it.
/// </summary>
public sealed class DeployFailedException(string message, bool shownInOutput = false) : PaasException(message)
{
    public bool ShownInOutput { get; } = shownInOutput;
}
