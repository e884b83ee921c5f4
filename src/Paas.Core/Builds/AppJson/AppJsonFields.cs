using System.Globalization;
using System.Text.Json;

namespace Paas.Core.Builds.AppJson;

/// <summary>
/// Reads one field of app.json with the shape Paas needs. A missing or null field is null; a field of
/// the wrong shape adds a problem naming it by its path (<c>healthchecks.web[0].port</c>) and is null.
/// </summary>
internal static class AppJsonFields
{
    public static JsonElement? Object(JsonElement? parent, string name, string path, List<string> problems)
    {
        if (Field(parent, name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Object) return value;
        problems.Add($"{path} must be an object");
        return null;
    }

    public static JsonElement? Array(JsonElement? parent, string name, string path, string example, List<string> problems)
    {
        if (Field(parent, name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Array) return value;
        problems.Add($"{path} must be a list such as {example}");
        return null;
    }

    public static string? String(JsonElement? parent, string name, string path, List<string> problems)
    {
        if (Field(parent, name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        problems.Add($"{path} must be a string");
        return null;
    }

    public static bool? Bool(JsonElement? parent, string name, string path, List<string> problems)
    {
        if (Field(parent, name) is not { } value) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        problems.Add($"{path} must be true or false");
        return null;
    }

    /// <summary>A whole number within [min, max]; <paramref name="unit"/> (e.g. "seconds") goes into the message.</summary>
    public static int? Int(JsonElement? parent, string name, string path, int min, int max, string? unit, List<string> problems)
    {
        if (Field(parent, name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
            return number;
        var range = $"{min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}{(unit is null ? "" : " " + unit)}";
        problems.Add($"{path} must be a whole number from {range}, not {Shown(value)}");
        return null;
    }

    /// <summary>The value as the message quotes it: short, on one line.</summary>
    public static string Shown(JsonElement value)
    {
        var text = value.GetRawText().ReplaceLineEndings(" ");
        return text.Length <= 40 ? text : text[..37] + "...";
    }

    private static JsonElement? Field(JsonElement? parent, string name) =>
        parent is { } p && p.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
