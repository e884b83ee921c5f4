using System.Text.Json.Serialization;

namespace Paas.Core.Contracts;

/// <summary>git:report: the branch that builds (and whether it was set), the repo's branches and the last push.</summary>
public sealed record GitReport(
    string App,
    string DeployBranch,
    bool DeployBranchSet,
    IReadOnlyList<GitBranchView> Branches,
    GitPushView? LastPush);

public sealed record GitBranchView(string Name, string Commit);

public sealed record GitPushView(DateTimeOffset At, string By, string Branch, string Commit);

/// <summary>git:set APP KEY [VALUE]: a null value unsets the key.</summary>
public sealed record GitSettingRequest(string? Value);

/// <summary>What `paas hook pre-receive` sends paasd: the push's token, git's quarantine dir and the hook's input lines.</summary>
public sealed record PreReceiveRequest(string PushToken, string? QuarantinePath, IReadOnlyList<RefUpdateLine> Updates);

/// <summary>One <c>OLD NEW REF</c> line of a pre-receive hook's input.</summary>
public sealed record RefUpdateLine(string OldId, string NewId, string Ref);

/// <summary>
/// One NDJSON line of a streamed build (the pre-receive answer, ps:rebuild): an output line, or,
/// last, the exit code (0 accepts the push or the rebuild succeeded, anything else failed).
/// </summary>
public sealed record HookMessage(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Line = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Exit = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Stream = null);
