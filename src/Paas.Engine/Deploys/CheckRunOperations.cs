using Paas.Core.Auth;
using Paas.Core.Builds;
using Paas.Core.Containers;
using Paas.Core.Deploys;
using Paas.Core.Errors;
using Paas.Engine.Operations;

namespace Paas.Engine.Deploys;

/// <summary>
/// `checks:run APP [DYNO]`: the checks a deploy would run, now, against the app's running instances
/// (or one of them), with their output streamed. True when every one passed.
/// </summary>
public sealed class CheckRunOperations(StateOperation op, IContainerRuntime runtime, InstanceChecks checks)
{
    public async Task<bool> RunAsync(Actor actor, string app, string? dyno, IBuildOutput output, CancellationToken ct)
    {
        var context = await op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return (await DeployContext.ReadAsync(s, found.Id, null, ct))!;
        }, ct);
        var running = context.Instances
            .Where(i => i.State == InstanceState.Running && i.ReleaseVersion == context.App.ServingRelease && i.ContainerId is not null)
            .Where(i => dyno is null || i.Dyno == dyno)
            .ToList();
        if (running.Count == 0)
            throw new NotFoundException(dyno is null
                ? $"app '{app}' has no running instances to check: `paas ps:report {app}` shows why"
                : $"app '{app}' has no running instance '{dyno}': `paas ps:report {app}` lists them");
        var passed = true;
        foreach (var instance in running)
        {
            var container = await runtime.FindAsync(instance.ContainerId!, ct);
            try
            {
                if (container is null) throw new DeployFailedException($"{instance.Dyno}: its container is gone");
                await output.WriteLineAsync(BuildOutput.Step($"Checking {instance.Dyno} ({context.CheckPlanFor(instance.ProcessType).Source})"), ct);
                await checks.CheckAsync(context, instance, container, output, ct);
                await output.WriteLineAsync(BuildOutput.Detail($"{instance.Dyno}: all checks passed"), ct);
            }
            catch (DeployFailedException e)
            {
                passed = false;
                await output.WriteLineAsync(BuildOutput.Error(e.Message), ct);
            }
        }
        return passed;
    }
}
