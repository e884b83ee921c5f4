using Paas.Core.Errors;

namespace Paas.Core.Deploys;

/// <summary>
/// A deploy failed for a reason the app's owner can fix (a health check, a release command, an
/// image that does not start); the message says which. The previous release keeps serving.
/// </summary>
public sealed class DeployFailedException(string message) : PaasException(message);
