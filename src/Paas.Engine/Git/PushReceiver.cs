using Paas.Core.Builds;
using Paas.Core.Deploys;
using Paas.Core.Errors;
using Paas.Core.Git;
using Paas.Engine.Builds;
using Paas.Engine.Operations;

namespace Paas.Engine.Git;

/// <summary>
/// The pre-receive step of a push, called back by the hook (`paas hook pre-receive`) with the
/// push's token: other branches are stored with Dokku's warning, the deploy branch is built from
/// git's quarantine before any ref moves, and a failed build (or a delete of the deploy branch)
/// rejects the whole push. The build stops when the hook's call or the push itself is cancelled.
/// </summary>
public sealed class PushReceiver(StateOperation op, IRepoStore repos, PushRegistry pushes, BuildOperations builds)
{
    public const string AuditAction = "git.push";

    /// <summary>Returns the hook's exit code: 0 lets git update the refs, 1 rejects the push (the reason is in the output).</summary>
    public async Task<int> PreReceiveAsync(string pushToken, string? quarantinePath, IReadOnlyList<RefUpdate> updates, IBuildOutput output,
        CancellationToken ct)
    {
        var push = pushes.Find(pushToken)
            ?? throw new ForbiddenException("the push token is unknown or its push has ended: the hook runs only inside a push paasd serves");
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, push.Aborted);
        var token = both.Token;

        var setting = await op.ReadAsync(s => s.AppSettings.GetAsync(push.AppId, DeployBranch.SettingKey, token), token);
        var branches = await repos.ListBranchesAsync(push.AppId, token);
        var deploy = DeployBranch.Resolve(setting, branches.Keys, updates.Where(u => !u.IsDelete && u.Branch is not null).Select(u => u.Branch!));

        RefUpdate? build = null;
        foreach (var update in updates)
        {
            if (update.Branch is not { } branch) continue;
            if (branch == deploy && update.IsDelete)
            {
                await output.WriteLineAsync(BuildOutput.Error(
                    $"the deploy branch '{deploy}' cannot be deleted: first make another branch the deploy branch with `paas git:set {push.AppName} deploy-branch BRANCH`"), token);
                return 1;
            }
            if (branch == deploy)
                build = update;
            else if (!update.IsDelete)
            {
                // Dokku's words, which users and their scripts know.
                await output.WriteLineAsync(BuildOutput.Step($"WARNING: deploy did not complete, you must push to {deploy}."), token);
                await output.WriteLineAsync(BuildOutput.Step($"for example, try 'git push <remote> {branch}:{deploy}' (branch '{branch}' is stored, not built)"), token);
            }
        }

        if (build is not null)
        {
            try
            {
                await builds.BuildPushAsync(push.Actor, push.AppName, build.NewId, deploy, quarantinePath, output, token);
            }
            catch (BuildFailedException)
            {
                // The build pipeline already said why, in the push's output and the build's log:
                // saying it again here printed every reason twice.
                return 1;
            }
            catch (DeployFailedException)
            {
                // The deploy's output already said why, and which release keeps serving.
                return 1;
            }
        }

        await op.RunAsync(async s =>
        {
            foreach (var update in updates)
                await StateOperation.AuditAsync(s, push.Actor, AuditAction, push.AppName, token,
                    ("ref", update.Ref), (update.Branch is null ? "tag" : "branch", update.Branch ?? update.Ref),
                    ("commit", update.IsDelete ? "" : update.NewId), ("deleted", update.IsDelete ? "true" : "false"),
                    ("built", update == build ? "true" : "false"));
            return true;
        }, token);
        return 0;
    }
}
