namespace Paas.Core.State;

/// <summary>Platform-wide settings (e.g. <c>default-stack</c>).</summary>
public interface ISettingStore
{
    Task<string?> GetAsync(string key, CancellationToken ct);

    Task SetAsync(string key, string value, CancellationToken ct);
}
