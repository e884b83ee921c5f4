using Paas.Core.Limits;

namespace Paas.Engine.Builds;

/// <summary>What a build reads from the state before it starts: the stack, the app's config, limits and timeout.</summary>
public sealed record BuildInputs(string Stack, string StackImage, IReadOnlyDictionary<string, string> Config, ResourceLimits Limits, TimeSpan Timeout)
{
    /// <summary>The buildpacks' env dir: the config vars plus SOURCE_VERSION, as Heroku gives them.</summary>
    public IReadOnlyDictionary<string, string> BuildConfig(string commit) =>
        new Dictionary<string, string>(Config) { ["SOURCE_VERSION"] = commit };

    /// <summary>The environment the new release will run with (predeploy sees it): config plus GIT_REV.</summary>
    public IReadOnlyDictionary<string, string> RuntimeConfig(string commit) =>
        new Dictionary<string, string>(Config) { [BuildPipeline.GitRevVariable] = commit };
}
