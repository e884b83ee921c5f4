using Paas.Core.Contracts;

namespace Paas.Dashboard.AppPages.Overview;

/// <summary>The instances of ps:report grouped by process type ("web.2" is a web), with the desired quantity of each.</summary>
public sealed record ProcessGroup(string Type, int Desired, IReadOnlyList<InstanceView> Instances)
{
    public static IReadOnlyList<ProcessGroup> From(ProcessReport report)
    {
        var byType = report.Instances.GroupBy(i => TypeOf(i.Dyno)).ToDictionary(g => g.Key, g => (IReadOnlyList<InstanceView>)g.ToList());
        return report.Formation.Keys.Union(byType.Keys).Order(StringComparer.Ordinal)
            .Select(type => new ProcessGroup(type, report.Formation.GetValueOrDefault(type), byType.GetValueOrDefault(type) ?? []))
            .ToList();
    }

    public static string TypeOf(string dyno)
    {
        var dot = dyno.LastIndexOf('.');
        return dot > 0 ? dyno[..dot] : dyno;
    }
}
