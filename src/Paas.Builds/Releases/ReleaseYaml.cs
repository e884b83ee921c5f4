namespace Paas.Builds.Releases;

/// <summary>
/// The last buildpack's <c>bin/release</c> output: <c>default_process_types</c> (used when the app
/// has no Procfile) and <c>config_vars</c> (legacy defaults, exported at start unless set).
/// </summary>
internal sealed record ReleaseYaml(IReadOnlyDictionary<string, string> DefaultProcessTypes, IReadOnlyDictionary<string, string> ConfigVars)
{
    public static ReleaseYaml Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>());
}
