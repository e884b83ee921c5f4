namespace Paas.Core.Containers;

public enum ContainerStatus
{
    /// <summary>The OCI runtime created it; the command has not been started.</summary>
    Created,
    Running,
    Stopped,

    /// <summary>The files exist but neither the runtime nor the monitor knows the container (e.g. after a reboot).</summary>
    Unknown,
}
