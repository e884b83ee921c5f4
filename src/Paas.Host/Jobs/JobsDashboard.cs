using System.Globalization;
using Hangfire;

namespace Paas.Host.Jobs;

public static class JobsDashboard
{
    public const string Path = "/hangfire";

    /// <summary>What a client is told to wait before asking again while the schema is installed: the install's own retry pace.</summary>
    private static readonly string RetryAfterSeconds = ((int)JobServices.InstallRetry.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Hangfire's dashboard (jobs, recurring jobs and cron runs, retries, servers), for administrators
    /// only. Until Hangfire's schema is installed (in the background after start, see
    /// <see cref="JobServices"/>) every dashboard path answers 503 with Retry-After, not the 500 the
    /// dashboard gives when its tables are missing. Others are left to the dashboard, which refuses
    /// them before it reads anything: the schema's state is for administrators too.
    /// </summary>
    public static IApplicationBuilder UsePaasJobsDashboard(this IApplicationBuilder app)
    {
        var schema = app.ApplicationServices.GetRequiredService<JobSchemaStatus>();
        app.UseWhen(context => !schema.Installed && context.Request.Path.StartsWithSegments(Path) && AdminDashboardAuthorization.IsAdmin(context.User), notReady => notReady.Run(async context =>
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "jobs dashboard not ready",
                detail: "Hangfire's schema is still being installed (paasd does it in the background after start, and retries while PostgreSQL is down): try again shortly")
                .ExecuteAsync(context);
        }));
        return app.UseHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorization()],
            DashboardTitle = "paasd jobs",
            AppPath = null,
            // Hangfire checks ASP.NET's antiforgery token on its POSTs once the host registers antiforgery (the
            // dashboard's forms), which refuses an admin's token or unix-socket call with 403. Forgery needs a cookie:
            // cookie-authenticated writes must be same-origin (SameOriginCookieRequests), which covers these pages too.
            IgnoreAntiforgeryToken = true,
        });
    }
}
