using System.Text.Json;
using Paas.Core.Config;
using static Paas.Core.Builds.AppJson.AppJsonFields;

namespace Paas.Core.Builds.AppJson;

/// <summary>
/// app.json <c>env</c>: <c>{ "NAME": "default" }</c> or <c>{ "NAME": { "value": "...", "generator":
/// "secret", "required": false, "sync": true, "description": "..." } }</c>. The only generator is
/// Heroku's and Dokku's <c>secret</c>; any other (a shell command, say) is not run (app.json must not
/// run commands on the host) and is a warning, not a failure: Dokku's own test app has one.
/// </summary>
internal static class AppJsonEnv
{
    public const string SecretGenerator = "secret";

    public static List<AppJsonEnvVar> Read(JsonElement root, List<string> problems, List<string> warnings)
    {
        var vars = new List<AppJsonEnvVar>();
        if (Object(root, "env", "env", problems) is not { } env) return vars;
        foreach (var property in env.EnumerateObject())
        {
            var path = $"env.{property.Name}";
            if (!ConfigKey.IsValid(property.Name))
            {
                problems.Add($"{path}: {ConfigKey.Problem(property.Name)}");
                continue;
            }
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String when property.Value.GetString()!.Contains('\0'):
                    problems.Add($"{path} holds a NUL character, which an environment variable cannot");
                    break;
                case JsonValueKind.String:
                    vars.Add(new AppJsonEnvVar(property.Name, property.Value.GetString(), Required: true, GeneratesSecret: false, Sync: false));
                    break;
                case JsonValueKind.Object:
                    if (ReadObject(property.Name, property.Value, path, problems, warnings) is { } entry) vars.Add(entry);
                    break;
                default:
                    problems.Add($"{path} must be a string (its default value) or an object such as {{ \"value\": \"...\" }}");
                    break;
            }
        }
        return vars;
    }

    private static AppJsonEnvVar? ReadObject(string name, JsonElement item, string path, List<string> problems, List<string> warnings)
    {
        var before = problems.Count;
        String(item, "description", $"{path}.description", problems);
        var value = String(item, "value", $"{path}.value", problems);
        var required = Bool(item, "required", $"{path}.required", problems) ?? true;
        var sync = Bool(item, "sync", $"{path}.sync", problems) ?? false;
        var generator = String(item, "generator", $"{path}.generator", problems);
        if (problems.Count > before) return null;
        if (value is not null && value.Contains('\0'))
        {
            problems.Add($"{path}.value holds a NUL character, which an environment variable cannot");
            return null;
        }
        if (value is not null && ConfigSize.EntryProblem(name, value) is { } tooBig)
        {
            problems.Add($"{path}.value: {tooBig}");
            return null;
        }

        var secret = generator == SecretGenerator;
        if (generator is not null && !secret)
            warnings.Add($"{path}.generator \"{Short(generator)}\" is not run: the only generator is \"{SecretGenerator}\"; " +
                         $"set {name} with `paas config:set APP {name}=...`");
        return new AppJsonEnvVar(name, value, required, secret, sync) { GeneratorNotRun = generator is not null && !secret };
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
