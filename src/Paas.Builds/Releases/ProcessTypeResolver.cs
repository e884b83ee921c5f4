using Paas.Core.Builds;
using Paas.Core.Builds.Procfiles;
using Paas.Core.Formation;

namespace Paas.Builds.Releases;

/// <summary>
/// The image's process types, as Heroku decides them: the app's Procfile (read from git, or else
/// one the buildpacks generated in the build dir), else the last buildpack's default_process_types.
/// Zero is allowed (Heroku releases a web-less app too); the build output warns.
/// </summary>
internal static class ProcessTypeResolver
{
    public static (IReadOnlyDictionary<string, string> Types, string Origin) Resolve(
        IReadOnlyDictionary<string, string>? committedProcfile, string? generatedProcfile, ReleaseYaml release, string lastBuildpack)
    {
        if (committedProcfile is not null) return (committedProcfile, "Procfile");
        if (generatedProcfile is not null) return (ProcfileParser.Parse(generatedProcfile, "the Procfile the buildpacks wrote"), "Procfile");

        var problems = new List<string>();
        foreach (var (name, command) in release.DefaultProcessTypes)
        {
            if (!ProcessType.IsValid(name)) problems.Add(ProcessType.Problem(name));
            else if (command.Length == 0 || command.Any(c => c is '\n' or '\r' or '\0')) problems.Add($"process type '{name}' has an empty or multi-line command");
        }

        if (problems.Count > 0)
            throw new BuildFailedException($"bin/release of buildpack {lastBuildpack} declares invalid default_process_types: {string.Join("; ", problems)}. Add a Procfile to override them.");
        return (release.DefaultProcessTypes, $"default types for buildpack {lastBuildpack}");
    }
}
