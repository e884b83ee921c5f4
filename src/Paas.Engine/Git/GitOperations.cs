using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Git;
using Paas.Engine.Operations;

namespace Paas.Engine.Git;

/// <summary>
/// git push / clone / fetch of an app's repo, for every transport (smart HTTP, SSH): checks the
/// actor's rights on the app, then lets git's own server side run on the repo with the platform's
/// hooks. Also git:report and git:set.
/// </summary>
public sealed class GitOperations(StateOperation op, IRepoStore repos, IGitTransport transport, PushRegistry pushes)
{
    public const string DeployBranchKey = "deploy-branch";

    /// <summary>
    /// Returns git's exit code. An app the actor may not see is a <see cref="NotFoundException"/>, thrown
    /// before git writes anything. A push (receive-pack, past the ref advertisement) is registered under a
    /// one-time token for its pre-receive hook until git exits; cancelling <paramref name="ct"/> kills git
    /// and cancels the push's build.
    /// </summary>
    public async Task<int> ServeAsync(Actor actor, string app, GitSession session, Stream input, Stream output, CancellationToken ct)
    {
        var found = await op.ReadAsync(s => StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct), ct);
        // Apps made before repos existed get theirs on first use; for the others this changes nothing.
        await repos.CreateAsync(found.Id, ct);
        if (session.Service != GitService.ReceivePack || session.AdvertiseRefsOnly)
            return await transport.ServeAsync(found.Id, session, input, output, ct);

        using var push = pushes.Register(actor, found, ct);
        var environment = new Dictionary<string, string>(session.Environment) { [PushRegistry.TokenVariable] = push.Token };
        return await transport.ServeAsync(found.Id, session with { Environment = environment }, input, output, ct);
    }

    public Task<GitReport> ReportAsync(Actor actor, string app, CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            var setting = await s.AppSettings.GetAsync(found.Id, DeployBranch.SettingKey, ct);
            var events = await s.Events.ListAsync(found.Name, 500, ct);
            var branches = await repos.ListBranchesAsync(found.Id, ct);
            var lastPush = events.FirstOrDefault(e => e.Action == PushReceiver.AuditAction
                && e.Details.ContainsKey("branch") && e.Details.ContainsKey("commit"));
            return new GitReport(
                found.Name,
                DeployBranch.Resolve(setting, branches.Keys, []),
                setting is not null,
                branches.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new GitBranchView(b.Key, b.Value)).ToList(),
                lastPush is null ? null : new GitPushView(lastPush.At, lastPush.Actor, lastPush.Details["branch"], lastPush.Details["commit"]));
        }, ct);

    /// <summary>git:set APP deploy-branch [BRANCH]: no branch unsets it (back to main, or master).</summary>
    public async Task<GitReport> SetAsync(Actor actor, string app, string key, string? value, CancellationToken ct)
    {
        if (key != DeployBranchKey)
            throw new ValidationException("key", $"'{key}' is not a git setting: the one there is is {DeployBranchKey}");
        if (value is not null && DeployBranch.Problem(value) is { } problem)
            throw new ValidationException("value", problem);
        await op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            if (value is null)
                await s.AppSettings.UnsetAsync(found.Id, DeployBranch.SettingKey, ct);
            else
                await s.AppSettings.SetAsync(found.Id, DeployBranch.SettingKey, value, ct);
            await StateOperation.AuditAsync(s, actor, "git:set", found.Name, ct, ("key", key), ("value", value ?? ""));
            return true;
        }, ct);
        return await ReportAsync(actor, app, ct);
    }
}
