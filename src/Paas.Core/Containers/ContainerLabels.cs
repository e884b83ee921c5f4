namespace Paas.Core.Containers;

/// <summary>Well-known label keys. They end up as OCI annotations and name the app's log directory.</summary>
public static class ContainerLabels
{
    public const string App = "paas.app";
    public const string ProcessType = "paas.process-type";
    public const string Release = "paas.release";
}
