using Paas.Core.Routing;

namespace Paas.Proxy.Snapshots;

/// <summary>
/// Writes what the router serves to <c>router/applied</c> (RoutingSnapshotFile.AppliedPathUnder),
/// replaced atomically like routes.json itself: the revision, which paasd reads to know its switch
/// is live before it retires old containers, and the ports that could not be bound, which paasd
/// reads to refuse a mapping on a port another process holds (<see cref="RouterAppliedReport"/>).
/// </summary>
internal static class AppliedRevisionFile
{
    public static void Write(string path, long revision, IReadOnlyList<UnboundPort> unbound) =>
        new RouterAppliedReport(revision, unbound).Write(path);
}
