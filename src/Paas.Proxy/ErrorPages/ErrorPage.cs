using System.Collections.Frozen;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Paas.Proxy.Forwarding;

namespace Paas.Proxy.ErrorPages;

/// <summary>
/// The HTML pages the router answers itself when it cannot forward: no app on this host (404),
/// the app's backend refused or broke the connection (502), the app has no running instance
/// (503) or its backend did not answer in time (504). Rendered once at start from one template;
/// per request only the request id is filled in.
/// </summary>
internal static class ErrorPage
{
    private const string RequestIdSlot = "{{request_id}}";

    private static readonly FrozenDictionary<int, (string Before, string After)> Pages = Render(new Dictionary<int, (string, string)>
    {
        [StatusCodes.Status404NotFound] = ("No such app",
            "No app on this server answers to this host name. Check the address, or add the domain to the app with <code>domains:add</code>."),
        [StatusCodes.Status502BadGateway] = ("Bad gateway",
            "The app did not accept the connection or broke it off. It may be restarting: try again in a moment."),
        [StatusCodes.Status503ServiceUnavailable] = ("App unavailable",
            "The app has no running instance right now: it is deploying, stopped or crashed. Try again in a moment."),
        [StatusCodes.Status504GatewayTimeout] = ("Gateway timeout",
            "The app took too long to answer."),
    });

    public static bool Has(int status) => Pages.ContainsKey(status);

    /// <summary>Answers <paramref name="status"/> with its page; the response must not have started.</summary>
    public static Task WriteAsync(HttpContext context, int status)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.Headers.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        if (status == StatusCodes.Status503ServiceUnavailable) response.Headers[HeaderNames.RetryAfter] = "5";
        var html = Html(status, RequestId.Of(context));
        response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(html);
        return response.WriteAsync(html, context.RequestAborted);
    }

    /// <summary>The page of <paramref name="status"/> for the request <paramref name="requestId"/>.</summary>
    public static string Html(int status, string requestId)
    {
        var (before, after) = Pages[status];
        return string.Concat(before, WebUtility.HtmlEncode(requestId), after);
    }

    private static FrozenDictionary<int, (string, string)> Render(Dictionary<int, (string Title, string Message)> pages)
    {
        using var stream = typeof(ErrorPage).Assembly.GetManifestResourceStream("Paas.Proxy.ErrorPages.page.html")
            ?? throw new InvalidOperationException("the error page template is not embedded in Paas.Proxy");
        var template = new StreamReader(stream).ReadToEnd();
        return pages.ToFrozenDictionary(p => p.Key, p =>
        {
            var html = template
                .Replace("{{status}}", p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Replace("{{title}}", p.Value.Title)
                .Replace("{{message}}", p.Value.Message);
            var slot = html.IndexOf(RequestIdSlot, StringComparison.Ordinal);
            return (html[..slot], html[(slot + RequestIdSlot.Length)..]);
        });
    }
}
