namespace Paas.Core.Containers;

public sealed class ContainerNotFoundException(string id)
    : ContainerException($"container '{id}' does not exist")
{
    public string Id { get; } = id;
}
