using System.Text.Json;
using Paas.Core.Formation;
using static Paas.Core.Builds.AppJson.AppJsonFields;

namespace Paas.Core.Builds.AppJson;

/// <summary>app.json <c>formation</c>: <c>{ "web": { "quantity": 2, "max_parallel": 1 } }</c>. Other keys (Heroku's <c>size</c>) are ignored.</summary>
internal static class AppJsonFormation
{
    /// <summary>A sanity bound; the host's own limit (PAAS_MAX_INSTANCES_PER_TYPE) applies when the formation is used.</summary>
    public const int MaxQuantity = 10_000;

    public static Dictionary<string, AppJsonProcessFormation> Read(JsonElement root, List<string> problems)
    {
        var result = new Dictionary<string, AppJsonProcessFormation>(StringComparer.Ordinal);
        if (Object(root, "formation", "formation", problems) is not { } byType) return result;
        foreach (var property in byType.EnumerateObject())
        {
            var path = $"formation.{property.Name}";
            if (!ProcessType.IsValid(property.Name))
            {
                problems.Add($"{path}: {ProcessType.Problem(property.Name)}");
                continue;
            }
            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{path} must be an object such as {{ \"quantity\": 1 }}");
                continue;
            }
            var before = problems.Count;
            var quantity = Int(property.Value, "quantity", $"{path}.quantity", 0, MaxQuantity, null, problems);
            var maxParallel = Int(property.Value, "max_parallel", $"{path}.max_parallel", 1, MaxQuantity, null, problems);
            if (problems.Count == before)
                result[property.Name] = new AppJsonProcessFormation(quantity, maxParallel);
        }
        return result;
    }
}
