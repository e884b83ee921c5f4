namespace Paas.Core.Contracts;

/// <summary>`builds:set APP KEY [VALUE]`: a null value unsets the key (back to the default).</summary>
public sealed record SetBuildSettingRequest(string Key, string? Value);
