namespace Paas.Core.Containers;

/// <summary>The OCI runtime or the monitor refused an operation; <see cref="Detail"/> is its own message.</summary>
public sealed class ContainerRuntimeException(string id, string operation, string detail)
    : ContainerException($"container '{id}': {operation} failed: {detail}")
{
    public string Id { get; } = id;
    public string Operation { get; } = operation;
    public string Detail { get; } = detail;
}
