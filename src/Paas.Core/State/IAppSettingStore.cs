namespace Paas.Core.State;

/// <summary>
/// Per-app properties of the plugins, keyed "namespace.key" (<c>git.deploy-branch</c>,
/// <c>builds.timeout</c>); an unset key means the platform default.
/// </summary>
public interface IAppSettingStore
{
    Task<string?> GetAsync(long appId, string key, CancellationToken ct);

    Task<IReadOnlyDictionary<string, string>> ListAsync(long appId, CancellationToken ct);

    Task SetAsync(long appId, string key, string value, CancellationToken ct);

    /// <summary>Returns false when the key was not set.</summary>
    Task<bool> UnsetAsync(long appId, string key, CancellationToken ct);
}
