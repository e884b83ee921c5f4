using Paas.Core.Apps;
using Paas.Core.Auth;
using Paas.Core.Builds;
using Paas.Core.Builds.AppJson;
using Paas.Core.Config;
using Paas.Core.Git;
using Paas.Engine.Operations;

namespace Paas.Engine.Builds;

/// <summary>
/// app.json's <c>env</c> at a push, after the build and before predeploy, as Dokku does it (see
/// <see cref="AppJsonEnvPlan"/>). The variables are set in the app's config with no release of
/// their own: the release this push makes carries them. The output and the audit name the
/// variables, never their values (a generated secret stays secret).
/// </summary>
public sealed class AppJsonEnvStep(StateOperation op, EngineSettings settings)
{
    /// <summary>Applies the plan and returns the app's config after it (unchanged when app.json has no env).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ApplyAsync(Actor actor, App app, SourceTree source,
        IReadOnlyDictionary<string, string> config, IBuildOutput output, CancellationToken ct)
    {
        var env = AppJsonParser.Parse(source.File(SourceTree.AppJson)).Env;
        if (env.Count == 0) return config;

        var (plan, after) = await op.RunAsync(async s =>
        {
            var locked = await s.Apps.FindForUpdateAsync(app.Name, ct);
            if (locked is null || locked.Id != app.Id)
                throw new BuildFailedException($"the app {app.Name} was destroyed or renamed during the build; nothing was released");
            var current = await s.Config.GetAllAsync(app.Id, ct);
            var plan = AppJsonEnvPlan.For(env, current, firstDeploy: locked.CurrentRelease is null);
            if (plan.MissingRequired.Count > 0 || plan.ToSet.Count == 0) return (plan, current);

            await s.Config.SetAsync(app.Id, plan.ToSet, ct);
            var after = await s.Config.GetAllAsync(app.Id, ct);
            if (ConfigSize.TotalProblem(ConfigSize.TotalBytes(after), settings.MaxConfigBytes) is { } tooMuch)
                throw new BuildFailedException($"app.json env: {tooMuch}");
            await StateOperation.AuditAsync(s, actor, "config:set", app.Name, ct,
                ("set", string.Join(",", plan.ToSet.Keys.Order(StringComparer.Ordinal))), ("from", "app.json env"));
            return (plan, after);
        }, ct);

        if (plan.MissingRequired.Count > 0)
        {
            var names = string.Join(", ", plan.MissingRequired);
            throw new BuildFailedException(
                $"app.json env requires {names}, which {(plan.MissingRequired.Count == 1 ? "has" : "have")} no value: " +
                $"set {(plan.MissingRequired.Count == 1 ? "it" : "them")} with `paas config:set {app.Name} {plan.MissingRequired[0]}=...` " +
                "(or give a \"value\", or \"required\": false, in app.json) and push again");
        }
        if (plan.ToSet.Count > 0)
            await output.WriteLineAsync(BuildOutput.Step($"Setting config from app.json env: {string.Join(", ", plan.ToSet.Keys)}"), ct);
        return after;
    }
}
