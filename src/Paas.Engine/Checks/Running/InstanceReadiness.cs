using System.Collections.Concurrent;

namespace Paas.Engine.Checks.Running;

/// <summary>
/// Which running containers failed their readiness checks and are out of the routes until one passes
/// (<see cref="RunningCheckMonitor"/>). Kept in paasd's memory, by container id: a restarted container is
/// a new one and starts ready (its startup checks just passed), and after a paasd restart every container
/// is ready until its checks say otherwise. The routing table leaves the unready ones out.
/// </summary>
public sealed class InstanceReadiness
{
    private readonly ConcurrentDictionary<string, byte> _unready = new(StringComparer.Ordinal);

    public bool IsReady(string? containerId) => containerId is null || !_unready.ContainsKey(containerId);

    /// <summary>True when this changed it (the routes must be written again).</summary>
    public bool MarkUnready(string containerId) => _unready.TryAdd(containerId, 0);

    /// <summary>True when this changed it.</summary>
    public bool MarkReady(string containerId) => _unready.TryRemove(containerId, out _);

    /// <summary>Forgets containers that no longer run; true when one of them was unready.</summary>
    public bool KeepOnly(IReadOnlySet<string> running)
    {
        var changed = false;
        foreach (var id in _unready.Keys)
            if (!running.Contains(id)) changed |= _unready.TryRemove(id, out _);
        return changed;
    }
}
