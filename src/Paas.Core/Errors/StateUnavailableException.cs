namespace Paas.Core.Errors;

/// <summary>
/// The state database (PostgreSQL) cannot be reached or stopped answering. Nothing was changed that
/// the caller can see (the transaction did not commit); the request may be retried once it is back.
/// </summary>
public sealed class StateUnavailableException(string reason, Exception? inner = null)
    : PaasException($"state database unavailable: {reason}", inner)
{
    public const string Title = "state database unavailable";

    public string Reason { get; } = reason;
}
