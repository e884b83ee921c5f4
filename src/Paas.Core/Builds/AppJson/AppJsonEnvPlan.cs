namespace Paas.Core.Builds.AppJson;

/// <summary>
/// What app.json's <c>env</c> does to an app's config at a deploy, as Dokku does it: on the app's
/// first deploy, each variable not already set gets its <c>value</c> or a generated secret; a
/// required one with neither fails the deploy (nobody is there to ask), unless app.json named a
/// generator Paas does not run (that was a warning). Variables marked
/// <c>sync</c> get their <c>value</c> on every deploy. A variable the user already set is kept,
/// so `config:set` before the first push wins, and `config:unset` afterwards sticks.
/// </summary>
public sealed record AppJsonEnvPlan(IReadOnlyDictionary<string, string> ToSet, IReadOnlyList<string> MissingRequired)
{
    /// <summary>64 hex characters (32 random bytes), Dokku's <c>secret</c> generator.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static AppJsonEnvPlan For(IReadOnlyList<AppJsonEnvVar> vars, IReadOnlyDictionary<string, string> current, bool firstDeploy,
        Func<string>? newSecret = null)
    {
        var toSet = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var v in vars)
        {
            var isSet = current.ContainsKey(v.Name);
            if (v.Sync && v.Value is not null)
            {
                if (!isSet || current[v.Name] != v.Value) toSet[v.Name] = v.Value;
                continue;
            }
            if (!firstDeploy || isSet) continue;
            if (v.Value is not null) toSet[v.Name] = v.Value;
            else if (v.GeneratesSecret) toSet[v.Name] = (newSecret ?? NewSecret)();
            else if (v.Required && !v.GeneratorNotRun) missing.Add(v.Name);
        }
        return new AppJsonEnvPlan(toSet, missing);
    }
}
