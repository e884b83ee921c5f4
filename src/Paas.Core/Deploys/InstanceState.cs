namespace Paas.Core.Deploys;

/// <summary>Where an instance (one <c>containers</c> row) is in its life.</summary>
public enum InstanceState
{
    /// <summary>Row written; the container is being created and started.</summary>
    Starting,

    /// <summary>Started by a deploy; its checks run. Not routed yet.</summary>
    Checking,

    /// <summary>Up (and, for a deploy, checked). A running web instance of the serving release is routed.</summary>
    Running,

    /// <summary>Its process ended; it restarts at <see cref="Instance.NextRestartAt"/> when the restart policy allows.</summary>
    Exited,

    /// <summary>It failed more often in a row than the restart policy allows; nothing restarts it until the next deploy or ps:restart.</summary>
    Crashed,

    /// <summary>Replaced or scaled away: stopped at <see cref="Instance.RetireAt"/>, then deleted.</summary>
    Retiring,
}
