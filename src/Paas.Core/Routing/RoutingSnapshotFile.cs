using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paas.Core.Routing;

/// <summary>
/// Where and how the routing snapshot is stored: <c>$PAAS_ROOT/router/routes.json</c>, written to
/// a temporary file in the same directory and renamed over the old one, so a reader sees the old
/// table or the new one, never half of one. The router writes the revision it serves (and the
/// ports it could not bind, <see cref="RouterAppliedReport"/>) to <c>applied</c> beside it, so a
/// deploy can wait for its switch before it retires old containers.
/// </summary>
public static class RoutingSnapshotFile
{
    public const string DirectoryName = "router";
    public const string FileName = "routes.json";
    public const string AppliedFileName = "applied";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static string DirectoryUnder(string root) => Path.Combine(root, DirectoryName);

    public static string PathUnder(string root) => Path.Combine(DirectoryUnder(root), FileName);

    public static string AppliedPathUnder(string root) => Path.Combine(DirectoryUnder(root), AppliedFileName);

    public static async Task WriteAsync(string path, RoutingSnapshot snapshot, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Environment.ProcessId + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, snapshot, Json, ct);
            await stream.FlushAsync(ct);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The snapshot in <paramref name="path"/>; <see cref="RoutingSnapshot.Empty"/> when there is none yet. Throws <see cref="JsonException"/> on a damaged file.</summary>
    public static async Task<RoutingSnapshot> ReadAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path)) return RoutingSnapshot.Empty;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return await JsonSerializer.DeserializeAsync<RoutingSnapshot>(stream, Json, ct)
            ?? throw new JsonException($"{path} holds no routing snapshot");
    }

    /// <summary>The revision the router reported it serves, or null when it has not reported one.</summary>
    public static long? ReadApplied(string path) => RouterAppliedReport.Read(path)?.Revision;
}
