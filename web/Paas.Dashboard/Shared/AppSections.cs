using MudBlazor;

namespace Paas.Dashboard.Shared;

/// <summary>
/// The sections of an app's pages, in the order of the bar above them. The console (xterm.js) and the
/// metrics charts are built separately: they get their rows here, after Logs, at the marked place.
/// </summary>
public static class AppSections
{
    public sealed record Section(string Title, string Path, string Icon);

    public static IReadOnlyList<Section> All { get; } =
    [
        new("Overview", "", Icons.Material.Filled.Dashboard),
        new("Config", "config", Icons.Material.Filled.Tune),
        new("Releases", "releases", Icons.Material.Filled.History),
        new("Builds", "builds", Icons.Material.Filled.Build),
        new("Logs", "logs", Icons.Material.Filled.Article),
        new("Console", "console", Icons.Material.Filled.Terminal),
        new("Metrics", "metrics", Icons.Material.Filled.ShowChart),
        new("Domains", "domains", Icons.Material.Filled.Language),
        new("Ports", "ports", Icons.Material.Filled.SettingsEthernet),
        new("Storage", "storage", Icons.Material.Filled.Storage),
        new("Certificates", "certs", Icons.Material.Filled.Lock),
        new("Checks", "checks", Icons.Material.Filled.FactCheck),
    ];

    public static string Href(string app, Section section) =>
        section.Path.Length == 0 ? $"apps/{app}" : $"apps/{app}/{section.Path}";
}
