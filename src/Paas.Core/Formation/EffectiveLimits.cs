using Paas.Core.Limits;

namespace Paas.Core.Formation;

/// <summary>
/// The limits a container of one process type runs with: what `resource:limit --process-type T` set,
/// else what `resource:limit` set for the app, else the platform defaults (DESIGN §5).
/// </summary>
public static class EffectiveLimits
{
    public static ResourceLimits For(IEnumerable<ProcessLimits> stored, string processType)
    {
        var list = stored.ToList();
        var forType = list.FirstOrDefault(l => l.ProcessType == processType)?.Limits ?? ResourceLimits.None;
        var forApp = list.FirstOrDefault(l => l.ProcessType is null)?.Limits ?? ResourceLimits.None;
        return forType.Over(forApp).Over(ResourceLimits.Defaults);
    }
}
