namespace Paas.Core.Contracts;

/// <summary>
/// `checks:report APP`: which process types deploy without checks (skipped) or without zero
/// downtime (disabled), and each checks:set property with the value in effect and where it comes from.
/// </summary>
public sealed record CheckSettingsView(
    string App,
    CheckProcessTypesView Disabled,
    CheckProcessTypesView Skipped,
    IReadOnlyList<CheckSettingView> Settings);

/// <summary>
/// A process type selection: <see cref="All"/> types except <see cref="Except"/>, or the
/// <see cref="Types"/> listed. <see cref="Text"/> is how reports show it ("none", "_all_", "web,worker").
/// </summary>
public sealed record CheckProcessTypesView(bool All, IReadOnlyList<string> Types, IReadOnlyList<string> Except, string Text);

/// <summary>One checks:set property (whole seconds; attempts: a count): in effect, and the app's, the global and the default value.</summary>
public sealed record CheckSettingView(string Key, int Value, CheckSettingSource Source, int? App, int? Global, int Default);

public enum CheckSettingSource
{
    App,
    Global,
    Default,
}
