namespace Paas.Core.Contracts;

/// <summary>`checks:set [--global] APP KEY [VALUE]`: a null value unsets the key (the global value or the default applies).</summary>
public sealed record SetCheckSettingRequest(string Key, string? Value);

/// <summary>
/// `checks:disable|enable|skip APP [TYPES]`: process types (each item may be a comma-separated list,
/// as Dokku takes them); none, or "_all_", means every process type.
/// </summary>
public sealed record CheckProcessTypesRequest(IReadOnlyList<string>? ProcessTypes);
