using Paas.Core.Contracts;

namespace Paas.Dashboard.Apps;

/// <summary>One word for how an app is: what the list shows, from ps:report.</summary>
public enum AppStatus
{
    /// <summary>Never deployed: nothing to run yet.</summary>
    New,
    Running,
    Deploying,
    Crashed,
    Stopped,
}

public static class AppStatuses
{
    public static AppStatus Of(ProcessReport report)
    {
        if (report.Deployments.Any(d => d.Status == "running")) return AppStatus.Deploying;
        if (report.Stopped) return AppStatus.Stopped;
        if (report.Instances.Any(i => i.State == "crashed")) return AppStatus.Crashed;
        if (report.Instances.Any(i => i.State is "running" or "checking" or "starting")) return AppStatus.Running;
        return report.ServingRelease is null && report.LatestRelease is null ? AppStatus.New : AppStatus.Stopped;
    }

    public static MudBlazor.Color Color(AppStatus status) => status switch
    {
        AppStatus.Running => MudBlazor.Color.Success,
        AppStatus.Deploying => MudBlazor.Color.Info,
        AppStatus.Crashed => MudBlazor.Color.Error,
        AppStatus.Stopped => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };

    public static string Label(AppStatus status) => status.ToString().ToLowerInvariant();
}
