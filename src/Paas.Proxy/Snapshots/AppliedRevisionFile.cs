using System.Globalization;

namespace Paas.Proxy.Snapshots;

/// <summary>
/// Writes the revision the router serves to <c>router/applied</c> (RoutingSnapshotFile.AppliedPathUnder),
/// replaced atomically like routes.json itself: paasd reads it to know its switch is live before
/// it retires old containers.
/// </summary>
internal static class AppliedRevisionFile
{
    public static void Write(string path, long revision)
    {
        var temp = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, revision.ToString(CultureInfo.InvariantCulture) + "\n");
        File.Move(temp, path, overwrite: true);
    }
}
