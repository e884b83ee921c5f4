using Microsoft.AspNetCore.Http;

namespace Paas.Api.Auth;

/// <summary>
/// What a logged-in browser gets for a page its user may not open (a developer on the admin pages): a
/// readable page with the way back, where an API caller gets a 403 problem+json.
/// </summary>
public static class ForbiddenPage
{
    private const string Html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Not allowed - Paas</title>
        <style>body{font-family:system-ui,sans-serif;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center;background:#f5f6f8;color:#222}
        main{max-width:32rem;padding:2rem}a{color:#1a56db}</style></head>
        <body><main><h1>This page is for administrators</h1>
        <p>Your account may not open it. An administrator can change your role with <code>paas users:add</code> or grant you apps with <code>paas apps:grant APP USER</code>.</p>
        <p><a href="/apps">Back to your apps</a></p></main></body></html>
        """;

    public static async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(Html);
    }
}
