using Paas.Core.Builds;
using Paas.Core.Builds.AppJson;
using Paas.Core.Git;

namespace Paas.Builds.Buildpacks;

/// <summary>
/// Which buildpacks build an app, in Dokku's order of precedence: the <c>.buildpacks</c> file (one
/// URL per line, blank lines and # comments skipped), the <c>BUILDPACK_URL</c> config var, then
/// <c>BUILDPACK_URL</c> in the app's committed <c>.env</c> (herokuish reads it), app.json
/// <c>buildpacks</c>, and otherwise detection over the numbered built-ins in directory-name order.
/// </summary>
internal static class BuildpackPlanner
{
    public const string BuildpackUrlVar = "BUILDPACK_URL";

    public static BuildpackPlan Plan(SourceTree source, IReadOnlyDictionary<string, string> config, IReadOnlyList<string> builtins, string builtinsDirectory)
    {
        if (source.File(SourceTree.Buildpacks) is { } file)
        {
            var lines = file.Replace("\r", "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            if (lines.Count > 0) return Explicit(lines, ".buildpacks", builtins);
        }

        if (config.GetValueOrDefault(BuildpackUrlVar)?.Trim() is { Length: > 0 } url)
            return Explicit([url], "the BUILDPACK_URL config var", builtins);

        if (AppDotEnv.Parse(source.File(SourceTree.DotEnv)).GetValueOrDefault(BuildpackUrlVar)?.Trim() is { Length: > 0 } fromDotEnv)
            return Explicit([fromDotEnv], "BUILDPACK_URL in the app's .env", builtins);

        var appJson = AppJsonParser.Parse(source.File(SourceTree.AppJson));
        if (appJson.Buildpacks.Count > 0) return Explicit(appJson.Buildpacks, "app.json", builtins);

        var detectable = BuiltinBuildpacks.ForDetection(builtins);
        if (detectable.Count == 0)
            throw new BuildFailedException(
                $"no built-in buildpacks are installed (in {builtinsDirectory}): reinstall Paas, or name a buildpack in .buildpacks or with `paas config:set APP BUILDPACK_URL=...`");
        return new BuildpackPlan(detectable.Select(BuildpackSpec.Builtin).ToList(), Detect: true, "built-in detection");
    }

    private static BuildpackPlan Explicit(IReadOnlyList<string> entries, string origin, IReadOnlyList<string> builtins)
    {
        var notices = new List<string>();
        var specs = entries.Select(e => Resolve(e, origin, builtins, notices)).ToList();
        return new BuildpackPlan(specs, Detect: false, origin) { Notices = notices };
    }

    private static BuildpackSpec Resolve(string entry, string origin, IReadOnlyList<string> builtins, List<string> notices)
    {
        if (WellKnownBuildpacks.ShorthandOf(entry) is { } shorthand)
        {
            var dir = BuiltinBuildpacks.Find(builtins, shorthand)
                ?? throw new BuildFailedException($"buildpack '{entry}' from {origin} maps to the built-in '{shorthand}' buildpack, which is not installed");
            notices.Add($"{entry} is a Heroku buildpack registry name; using the built-in {shorthand} buildpack, its Paas equivalent");
            return BuildpackSpec.Builtin(dir);
        }

        var (url, gitRef) = BuildpackUrl.Parse(entry, origin);
        var fallback = WellKnownBuildpacks.EquivalentOf(url) is { } name ? BuiltinBuildpacks.Find(builtins, name) : null;
        return BuildpackSpec.Remote(url, gitRef, fallback);
    }
}
