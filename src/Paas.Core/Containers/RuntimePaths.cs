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
    public string Containers => Path.Combine(Root, "containers");
    public string Logs => Path.Combine(Root, "logs");
    public string Volumes => Path.Combine(Root, "volumes");
    public string Cni => Path.Combine(Root, "cni");

    /// <summary>The OCI runtime's private state dir (runc --root), kept apart from other runc users.</summary>
    public string RuntimeState => Path.Combine(Root, "run", "runtime");
}
