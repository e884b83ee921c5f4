namespace Paas.Core.State;

public interface IConfigStore
{
    Task<IReadOnlyDictionary<string, string>> GetAllAsync(long appId, CancellationToken ct);

    Task SetAsync(long appId, IReadOnlyDictionary<string, string> values, CancellationToken ct);

    /// <summary>Returns the keys that existed and were removed.</summary>
    Task<IReadOnlyList<string>> UnsetAsync(long appId, IReadOnlyList<string> keys, CancellationToken ct);
}
