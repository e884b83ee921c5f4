namespace Paas.Cli.Http;

/// <summary>The parts of an RFC 9457 problem+json body the CLI prints.</summary>
public sealed record Problem(
    string? Title,
    int? Status,
    string? Detail,
    IReadOnlyDictionary<string, string[]>? Errors)
{
    /// <summary>
    /// One problem per line: the field messages when there are any (a detail that only joins them
    /// is left out), otherwise the detail, otherwise the title.
    /// </summary>
    public string? Describe()
    {
        var messages = (Errors?.Values.SelectMany(m => m) ?? [])
            .Where(m => !string.IsNullOrWhiteSpace(m))
            .Select(m => m.Trim())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var detail = string.IsNullOrWhiteSpace(Detail) ? null : Detail.Trim();
        if (detail is not null && !messages.All(m => detail.Contains(m, StringComparison.Ordinal)))
            messages.Insert(0, detail);
        else if (messages.Count == 0 && detail is not null)
            messages.Add(detail);
        if (messages.Count == 0 && !string.IsNullOrWhiteSpace(Title)) messages.Add(Title.Trim());
        return messages.Count == 0 ? null : string.Join('\n', messages);
    }
}
