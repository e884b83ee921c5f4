using System.Text.Json;
using static Paas.Core.Builds.AppJson.AppJsonFields;

namespace Paas.Core.Builds.AppJson;

/// <summary>
/// Reads app.json leniently, as Dokku does (it normalises with hujson first): <c>//</c> and
/// <c>/* */</c> comments and trailing commas are allowed, unknown keys are ignored. What Paas uses
/// must have the right shape; otherwise the build fails listing every wrong key, since silently
/// ignoring a predeploy script or a health check would deploy without it. The build reads app.json
/// before anything runs, so a bad health check fails the push before the old release is touched.
/// </summary>
public static class AppJsonParser
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    public static AppJsonDocument Parse(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return AppJsonDocument.Empty;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new BuildFailedException($"app.json is not valid JSON{where}: {e.Message.Split(" Path:")[0]} Fix app.json and push again.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new BuildFailedException("app.json must hold a JSON object ({ ... })");
            var problems = new List<string>();
            var warnings = new List<string>();
            var buildpacks = ReadBuildpacks(root, problems);
            var scripts = Object(root, "scripts", "scripts", problems);
            var dokku = Object(scripts, "dokku", "scripts.dokku", problems);
            var firstDeployPostdeploy = String(scripts, "postdeploy", "scripts.postdeploy", problems);
            var predeploy = String(dokku, "predeploy", "scripts.dokku.predeploy", problems);
            var postdeploy = String(dokku, "postdeploy", "scripts.dokku.postdeploy", problems);
            var healthchecks = AppJsonHealthchecks.Read(root, problems, warnings);
            var formation = AppJsonFormation.Read(root, problems);
            var cron = AppJsonCron.Read(root, problems);
            var env = AppJsonEnv.Read(root, problems, warnings);
            if (problems.Count > 0) throw new BuildFailedException($"app.json is invalid: {string.Join("; ", problems)}");
            return new AppJsonDocument(buildpacks, predeploy, postdeploy)
            {
                Healthchecks = healthchecks,
                Formation = formation,
                Cron = cron,
                Env = env,
                FirstDeployPostdeploy = firstDeployPostdeploy,
                Warnings = warnings,
            };
        }
    }

    private static List<string> ReadBuildpacks(JsonElement root, List<string> problems)
    {
        var urls = new List<string>();
        if (!root.TryGetProperty("buildpacks", out var list) || list.ValueKind == JsonValueKind.Null) return urls;
        if (list.ValueKind != JsonValueKind.Array)
        {
            problems.Add("buildpacks must be a list such as [{ \"url\": \"https://github.com/heroku/heroku-buildpack-nodejs\" }]");
            return urls;
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"buildpacks[{index++}]";
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("url", out _))
                problems.Add($"{path} must be an object with a \"url\"");
            else if (String(item, "url", path + ".url", problems) is { } url && url.Trim().Length > 0)
                urls.Add(url.Trim());
        }

        return urls;
    }
}
