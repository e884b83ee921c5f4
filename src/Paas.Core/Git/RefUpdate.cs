namespace Paas.Core.Git;

/// <summary>One line of a pre-receive hook's input: <c>OLD NEW REF</c> (an all-zero id means none).</summary>
public sealed record RefUpdate(string OldId, string NewId, string Ref)
{
    public const string ZeroId = "0000000000000000000000000000000000000000";

    public bool IsDelete => NewId == ZeroId;

    /// <summary>The branch name for refs/heads/*, else null.</summary>
    public string? Branch => Ref.StartsWith("refs/heads/", StringComparison.Ordinal) ? Ref["refs/heads/".Length..] : null;
}
