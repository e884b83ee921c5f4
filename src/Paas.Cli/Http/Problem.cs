namespace Paas.Cli.Http;

/// <summary>The parts of an RFC 9457 problem+json body the CLI prints.</summary>
public sealed record Problem(
    string? Title,
    int? Status,
    string? Detail,
    IReadOnlyDictionary<string, string[]>? Errors)
{
    /// <summary>The detail first, then every field message not already said, one per line.</summary>
    public string? Describe()
    {
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(Detail)) lines.Add(Detail.Trim());
        foreach (var message in Errors?.Values.SelectMany(m => m) ?? [])
        {
            if (!string.IsNullOrWhiteSpace(message) && !lines.Contains(message.Trim()))
                lines.Add(message.Trim());
        }
        if (lines.Count == 0 && !string.IsNullOrWhiteSpace(Title)) lines.Add(Title.Trim());
        return lines.Count == 0 ? null : string.Join('\n', lines);
    }
}
