using Paas.Core.Contracts;

namespace Paas.Dashboard.AppPages.Overview;

/// <summary>The instances of ps:report grouped by process type ("web.2" is a web), with the desired quantity of each.</summary>
public sealed record ProcessGroup(string Type, int Desired, IReadOnlyList<InstanceView> Instances)
{
    /// <summary>
    /// The stored formation (ps:scale, which may name types before the first deploy) joined with what the
    /// serving release runs and the instances there are.
    /// </summary>
    public static IReadOnlyList<ProcessGroup> From(ProcessReport report, IReadOnlyList<Core.Formation.FormationEntry> formation)
    {
        var desired = new Dictionary<string, int>(report.Formation);
        foreach (var entry in formation) desired[entry.ProcessType] = entry.Quantity;
        var byType = report.Instances.GroupBy(i => TypeOf(i.Dyno)).ToDictionary(g => g.Key, g => (IReadOnlyList<InstanceView>)g.ToList());
        return desired.Keys.Union(byType.Keys).Order(StringComparer.Ordinal)
            .Select(type => new ProcessGroup(type, desired.GetValueOrDefault(type), byType.GetValueOrDefault(type) ?? []))
            .ToList();
    }

    public static string TypeOf(string dyno)
    {
        var dot = dyno.LastIndexOf('.');
        return dot > 0 ? dyno[..dot] : dyno;
    }
}
