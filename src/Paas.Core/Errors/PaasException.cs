namespace Paas.Core.Errors;

/// <summary>An expected failure with a message meant for the user; front ends map the kind to an HTTP status or exit code.</summary>
public abstract class PaasException(string message, Exception? inner = null) : Exception(message, inner);
