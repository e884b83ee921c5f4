namespace Paas.Core.Contracts;

/// <summary>A mount as storage:list and storage:report show it, with the host directory behind it.</summary>
public sealed record StorageMountView(string Name, string ContainerPath, bool ReadOnly, string HostPath)
{
    public override string ToString() => $"{Name}:{ContainerPath}{(ReadOnly ? ":ro" : "")}";
}
