using System.Text.Json;

namespace Paas.Core.Builds.AppJson;

/// <summary>
/// Reads app.json leniently, as Dokku does (it normalises with hujson first): <c>//</c> and
/// <c>/* */</c> comments and trailing commas are allowed, unknown keys are ignored. What Paas uses
/// must have the right shape; otherwise the build fails saying which key is wrong, since
/// silently ignoring a predeploy script would deploy without it.
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
            var buildpacks = ReadBuildpacks(root, problems);
            var dokku = Object(Object(root, "scripts", "scripts", problems), "dokku", "scripts.dokku", problems);
            var predeploy = String(dokku, "predeploy", "scripts.dokku.predeploy", problems);
            var postdeploy = String(dokku, "postdeploy", "scripts.dokku.postdeploy", problems);
            if (problems.Count > 0) throw new BuildFailedException($"app.json is invalid: {string.Join("; ", problems)}");
            return new AppJsonDocument(buildpacks, predeploy, postdeploy);
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

    private static JsonElement? Object(JsonElement? parent, string name, string path, List<string> problems)
    {
        if (parent is not { } p || !p.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Object) return value;
        problems.Add($"{path} must be an object");
        return null;
    }

    private static string? String(JsonElement? parent, string name, string path, List<string> problems)
    {
        if (parent is not { } p || !p.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        problems.Add($"{path} must be a string");
        return null;
    }
}
