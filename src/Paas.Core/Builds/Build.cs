namespace Paas.Core.Builds;

/// <summary>
/// One build of one commit. <see cref="ImageDigest"/> and <see cref="ReleaseVersion"/> are set
/// when it succeeded; <see cref="Error"/> says why it failed or was cancelled.
/// </summary>
public sealed record Build(
    long Id,
    long AppId,
    string Commit,
    string? Branch,
    BuildStatus Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ImageDigest,
    int? ReleaseVersion,
    string? Error)
{
    public bool IsFinished => Status is BuildStatus.Succeeded or BuildStatus.Failed or BuildStatus.Cancelled;
}
