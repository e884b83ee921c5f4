namespace Paas.Core.Builds;

public enum BuildStatus
{
    /// <summary>Waiting for the app's previous build, or for a free build slot.</summary>
    Queued,
    Running,
    Succeeded,
    Failed,

    /// <summary>Stopped by `builds:cancel`, by the pusher's Ctrl-C or a dropped connection.</summary>
    Cancelled,
}
