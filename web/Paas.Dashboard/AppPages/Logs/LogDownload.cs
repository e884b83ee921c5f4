using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Core.Auth;
using Paas.Engine.Logs;

namespace Paas.Dashboard.AppPages.Logs;

/// <summary>
/// The logs page's download: the app's last lines as a text file, read with the same Engine operation as
/// `paas logs -n` and as the signed-in user (a developer gets 404 for an app not granted).
/// </summary>
public static class LogDownload
{
    public const int Lines = LogOperations.MaxLines;

    public static string Href(string app, string? process) =>
        $"apps/{app}/logs/download" + (string.IsNullOrEmpty(process) ? "" : $"?process={Uri.EscapeDataString(process)}");

    public static IEndpointRouteBuilder MapLogDownload(this IEndpointRouteBuilder routes)
    {
        // Not a ".txt" path: it is no static file, and the anonymous-access test must see it as the guarded endpoint it is.
        routes.MapGet("/apps/{app}/logs/download", DownloadAsync).RequireAuthorization().ExcludeFromDescription();
        return routes;
    }

    private static async Task<FileContentHttpResult> DownloadAsync(string app, ClaimsPrincipal user, LogOperations logs, CancellationToken ct,
        string? process = null)
    {
        var lines = await logs.TailAsync(user.ToActor(), app, Lines, string.IsNullOrEmpty(process) ? null : process, ct);
        var text = LogView.Format(lines);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", $"{app}.log");
    }
}
