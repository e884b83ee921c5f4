using Paas.Core.Formation;

namespace Paas.Dashboard.AppPages.Terminal;

/// <summary>
/// The WebSocket endpoint a console session opens (docs/API-RUN.md), relative to the dashboard's base:
/// <c>api/v1/apps/APP/run/ws?tty=1&amp;cmd=...</c> or <c>.../enter/ws?tty=1&amp;dyno=web.1[&amp;cmd=...]</c>.
/// The script adds <c>cols</c> and <c>rows</c> once the terminal is fitted to the page.
/// </summary>
public static class ConsoleUrl
{
    /// <summary>Why the choice cannot start a session (shown before anything is opened), or null.</summary>
    public static string? Problem(ConsoleMode mode, string command, string dyno)
    {
        if (mode == ConsoleMode.Run && string.IsNullOrWhiteSpace(command))
            return "Type the command to run, for example bash (or sh when the image has no bash).";
        if (mode == ConsoleMode.Enter && !DynoName.IsValid(dyno.Trim()))
            return DynoName.Problem(dyno.Trim());
        return null;
    }

    public static string For(string app, ConsoleMode mode, string command, string dyno)
    {
        var query = new List<string> { "tty=1" };
        if (mode == ConsoleMode.Enter) query.Add("dyno=" + Uri.EscapeDataString(dyno.Trim()));
        // One argument runs through /bin/sh -c on paasd's side, so "ls -la | wc -l" works as typed.
        if (!string.IsNullOrWhiteSpace(command)) query.Add("cmd=" + Uri.EscapeDataString(command.Trim()));
        var endpoint = mode == ConsoleMode.Run ? "run" : "enter";
        return $"api/v1/apps/{Uri.EscapeDataString(app)}/{endpoint}/ws?{string.Join('&', query)}";
    }
}
