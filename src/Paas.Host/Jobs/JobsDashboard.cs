using Hangfire;

namespace Paas.Host.Jobs;

public static class JobsDashboard
{
    public const string Path = "/hangfire";

    /// <summary>Hangfire's dashboard (jobs, recurring jobs and cron runs, retries, servers), for administrators only.</summary>
    public static IApplicationBuilder UsePaasJobsDashboard(this IApplicationBuilder app) =>
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorization()],
            DashboardTitle = "paasd jobs",
            AppPath = null,
        });
}
