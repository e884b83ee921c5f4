namespace Paas.Core.Containers;

/// <summary>
/// Where the runtime keeps its files. Every component derives its directories from one root so
/// tests can run against a fresh temporary root and a host install uses /var/lib/paas.
/// </summary>
public sealed record RuntimePaths(string Root)
{
    public static RuntimePaths Default { get; } = new("/var/lib/paas");

    public string Images => Path.Combine(Root, "images");
    public string Layers => Path.Combine(Root, "layers");
    public string Stacks => Path.Combine(Root, "stacks");
    /// <summary>
    /// Volatile state, on a tmpfs the runtime mounts here: the OCI runtime's state, monitor sockets and
    /// every container's bundle, monitor files and records. Like the containers' processes, it is
    /// gone after a reboot; it survives paasd restarts. (Kept off the disk because a container's
    /// start creates and its delete removes some thirty small files: on ext4, allocating inodes
    /// among that many recently deleted ones cost more than runc itself once containers churn.)
    /// </summary>
    public string Run => Path.Combine(Root, "run");

    /// <summary>Per container: bundle, monitor files and records (under <see cref="Run"/>).</summary>
    public string Containers => Path.Combine(Run, "containers");

    /// <summary>
    /// Every container's exit file, named by its id, written by its conmon when its process ended
    /// (under <see cref="Run"/>). One directory for all, so one watch sees every exit.
    /// </summary>
    public string Exits => Path.Combine(Run, "exits");

    /// <summary>Per container: the overlay's upper and work dirs, on disk (what the container writes can be large).</summary>
    public string Writable => Path.Combine(Root, "writable");
    public string Logs => Path.Combine(Root, "logs");
    public string Volumes => Path.Combine(Root, "volumes");
    public string Cni => Path.Combine(Root, "cni");

    /// <summary>The OCI runtime's private state dir (runc --root), kept apart from other runc users.</summary>
    public string RuntimeState => Path.Combine(Run, "runtime");
}
