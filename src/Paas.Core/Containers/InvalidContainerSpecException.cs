namespace Paas.Core.Containers;

/// <summary>The spec cannot run; carries every problem found, each saying how to fix it.</summary>
public sealed class InvalidContainerSpecException(IReadOnlyList<string> problems)
    : ContainerException("invalid container spec: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
