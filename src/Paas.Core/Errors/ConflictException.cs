namespace Paas.Core.Errors;

public sealed class ConflictException(string message) : PaasException(message);
