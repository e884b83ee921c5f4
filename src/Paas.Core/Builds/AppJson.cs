using System.Text.Json;

namespace Paas.Core.Builds;

/// <summary>
/// The parts of app.json the platform uses, parsed as leniently as Dokku does (// and /* */
/// comments, trailing commas): the buildpacks and Dokku's deploy scripts. Unknown keys are ignored.
/// </summary>
public sealed record AppJson(IReadOnlyList<string> Buildpacks, string? Predeploy, string? Postdeploy)
{
    public static AppJson Empty { get; } = new([], null, null);

    private static readonly JsonDocumentOptions Lenient = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    /// <summary>Null or blank text is an app without app.json. Throws <see cref="BuildFailedException"/> saying where the JSON is wrong.</summary>
    public static AppJson Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Empty;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Lenient);
        }
        catch (JsonException e)
        {
            throw new BuildFailedException($"app.json is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): fix it or remove it");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new BuildFailedException("app.json must hold a JSON object ({ ... })");
            var dokku = Child(Child(root, "scripts"), "dokku");
            return new AppJson(BuildpackUrls(root), Text(dokku, "predeploy", "scripts.dokku.predeploy"), Text(dokku, "postdeploy", "scripts.dokku.postdeploy"));
        }
    }

    private static JsonElement? Child(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var child) ? child : null;

    private static string? Text(JsonElement? parent, string name, string path) =>
        Child(parent, name) switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            _ => throw new BuildFailedException($"app.json: {path} must be a string (a shell command)"),
        };

    /// <summary>Heroku's form: "buildpacks": [{ "url": "..." }, ...]; a plain string entry is accepted too.</summary>
    private static IReadOnlyList<string> BuildpackUrls(JsonElement root)
    {
        if (Child(root, "buildpacks") is not { } list || list.ValueKind == JsonValueKind.Null)
            return [];
        if (list.ValueKind != JsonValueKind.Array)
            throw new BuildFailedException("app.json: buildpacks must be a list such as [{ \"url\": \"https://github.com/heroku/heroku-buildpack-nodejs\" }]");
        var urls = new List<string>();
        foreach (var entry in list.EnumerateArray())
        {
            var url = entry.ValueKind == JsonValueKind.String ? entry.GetString() : Text(entry, "url", "buildpacks[].url");
            if (string.IsNullOrWhiteSpace(url))
                throw new BuildFailedException("app.json: every buildpacks entry needs a url");
            urls.Add(url.Trim());
        }
        return urls;
    }
}
