namespace Paas.Core.Contracts;

/// <summary>A build as listed (`builds APP`) and reported (`builds:info`); its output is read apart.</summary>
public sealed record BuildView(
    long Id,
    string Status,
    string Commit,
    string? Branch,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ImageDigest,
    int? ReleaseVersion,
    string? Error);
