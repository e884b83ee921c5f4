namespace Paas.Core.Errors;

public sealed class ForbiddenException(string message) : PaasException(message);
