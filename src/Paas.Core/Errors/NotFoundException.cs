namespace Paas.Core.Errors;

public sealed class NotFoundException(string message) : PaasException(message)
{
    public static NotFoundException App(string name) =>
        new($"app '{name}' does not exist: see `paas apps:list`");
}
