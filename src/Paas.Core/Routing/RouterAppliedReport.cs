using System.Text.Json;

namespace Paas.Core.Routing;

/// <summary>A port of the snapshot the router could not bind (taken by another process, or not allowed), and the system's reason.</summary>
public sealed record UnboundPort(int Port, string Scheme, string Reason);

/// <summary>
/// What paas-router writes to <c>router/applied</c> after making a snapshot live: the revision it
/// serves and the ports of it that it could not bind (it keeps trying those every few seconds and
/// writes the report again when the list changes). paasd reads it to know a switch is live, and to
/// refuse a port mapping nobody can serve.
/// </summary>
public sealed record RouterAppliedReport(long Revision, IReadOnlyList<UnboundPort> Unbound)
{
    /// <summary>
    /// The report in <paramref name="path"/>, or null when there is none (no router has applied a
    /// snapshot yet) or it cannot be read. A bare revision number, as routers before this report
    /// wrote it, reads as a report with nothing unbound.
    /// </summary>
    public static RouterAppliedReport? Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var revision))
            return new RouterAppliedReport(revision, []);
        try
        {
            return JsonSerializer.Deserialize<RouterAppliedReport>(text, RoutingSnapshotFile.Json) is { Unbound: not null } report ? report : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Replaces <paramref name="path"/> atomically (a temporary file renamed over it), as routes.json is.</summary>
    public void Write(string path)
    {
        var temp = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, RoutingSnapshotFile.Json) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Why <paramref name="listener"/> is not served, or null when it is not in the list.</summary>
    public string? ReasonFor(RouterListener listener) =>
        Unbound.FirstOrDefault(u => u.Port == listener.Port && u.Scheme == listener.Scheme)?.Reason;
}
