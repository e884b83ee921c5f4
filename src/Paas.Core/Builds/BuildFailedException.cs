using Paas.Core.Errors;

namespace Paas.Core.Builds;

/// <summary>
/// The app's build failed for a reason its owner can fix (no buildpack matched, compile exited 1,
/// a malformed Procfile, the timeout); the message says which and how. The build's output has
/// already told the pusher the details.
/// </summary>
public sealed class BuildFailedException(string message) : PaasException(message);
