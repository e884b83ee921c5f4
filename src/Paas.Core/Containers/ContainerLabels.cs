namespace Paas.Core.Containers;

/// <summary>Well-known label keys. They end up as OCI annotations.</summary>
public static class ContainerLabels
{
    /// <summary>The app's name, for people (hostnames, listings). Names are reused after a destroy.</summary>
    public const string App = "paas.app";

    /// <summary>
    /// The app's id, which is never reused: it keys what belongs to the app and must not pass to a
    /// new app of the same name (log history, the network isolation group).
    /// </summary>
    public const string AppId = "paas.app-id";

    public const string ProcessType = "paas.process-type";
    public const string Release = "paas.release";
}
