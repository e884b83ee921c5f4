namespace Paas.Core.Checks;

/// <summary>
/// One check line of a CHECKS file: <c>/path [content]</c>, <c>//host/path</c> (sent with
/// <c>Host: host</c>, still to the container) or <c>https://host/path</c> (HTTPS to the container).
/// </summary>
public sealed record ChecksFileCheck(int Line, string Scheme, string? Host, string Path, string? Content);
