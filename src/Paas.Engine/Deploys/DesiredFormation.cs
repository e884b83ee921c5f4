using Paas.Core.Formation;
using Paas.Core.Releases;

namespace Paas.Engine.Deploys;

/// <summary>
/// How many instances of each process type a release runs: `ps:scale` wins, then app.json's
/// <c>formation</c>, then Heroku's default (web=1, everything else 0). The <c>release</c> type is
/// never scaled: it runs once per deploy. Types the release does not have run nothing.
/// </summary>
public static class DesiredFormation
{
    public const string ReleaseType = "release";

    public static IReadOnlyDictionary<string, int> For(Release release, IReadOnlyList<FormationEntry> scaled,
        IReadOnlyDictionary<string, int>? appJsonFormation)
    {
        var desired = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var type in release.ProcessTypes.Keys.Where(t => t != ReleaseType))
        {
            var explicitEntry = scaled.FirstOrDefault(f => f.ProcessType == type);
            desired[type] = explicitEntry is not null ? explicitEntry.Quantity
                : appJsonFormation is not null && appJsonFormation.TryGetValue(type, out var fromAppJson) ? fromAppJson
                : type == ProcessType.Web ? 1 : 0;
        }
        return desired;
    }

    public static string Describe(IReadOnlyDictionary<string, int> formation) =>
        formation.Count == 0 ? "none" : string.Join(" ", formation.Select(f => $"{f.Key}={f.Value}"));
}
