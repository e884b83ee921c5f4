namespace Paas.Core.Stacks;

public sealed class StackAlreadyExistsException(string name)
    : Exception($"stack '{name}' already exists; delete it first with `paas stacks:delete {name}`")
{
    public string Name { get; } = name;
}
