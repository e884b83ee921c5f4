namespace Paas.Core.Stacks;

public interface IStackStore
{
    Task<Stack> CreateAsync(string name, StackSource source, CancellationToken ct);

    Task<IReadOnlyList<Stack>> ListAsync(CancellationToken ct);

    Task<Stack?> FindAsync(string name, CancellationToken ct);

    Task DeleteAsync(string name, CancellationToken ct);
}
