namespace Paas.Core.Stacks;

public sealed class StackNotFoundException(string name)
    : Exception($"stack '{name}' not found; list stacks with `paas stacks:list`")
{
    public string Name { get; } = name;
}
