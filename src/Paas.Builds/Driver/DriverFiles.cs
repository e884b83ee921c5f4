using System.Globalization;
using System.Text;
using Paas.Builds.Buildpacks;

namespace Paas.Builds.Driver;

/// <summary>
/// Writes the driver (an embedded, shellcheck-clean bash script) and its plan into the workspace's
/// driver dir, which the build container sees read-only at <see cref="ContainerDir"/>.
/// </summary>
internal static class DriverFiles
{
    public const string ContainerDir = "/tmp/paas/driver";
    public const string ContainerResultsDir = "/tmp/paas/results";
    public const string ScriptName = "build";

    private static readonly Lazy<string> Script = new(() => EmbeddedText.Read("Driver.build-driver.sh"));

    public static void Write(string driverDir, BuildpackPlan plan, TimeSpan wellKnownCloneTimeout)
    {
        var script = Path.Combine(driverDir, ScriptName);
        File.WriteAllText(script, Script.Value);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var planFile = Path.Combine(driverDir, "plan");
        File.WriteAllText(planFile, PlanText(plan, wellKnownCloneTimeout));
        File.SetUnixFileMode(planFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    /// <summary>
    /// Lines of fields separated by the ASCII unit separator (a tab is IFS whitespace to bash's read,
    /// which would merge empty fields); every field was checked to hold no control character
    /// (BuildpackUrl, BuiltinBuildpacks).
    /// </summary>
    private const char Separator = '\u001f';

    public static string PlanText(BuildpackPlan plan, TimeSpan wellKnownCloneTimeout)
    {
        var text = new StringBuilder();
        text.Append("mode").Append(Separator).Append(plan.Detect ? "detect" : "explicit").Append('\n');
        foreach (var buildpack in plan.Buildpacks)
        {
            if (buildpack.BuiltinDir is { } dir)
            {
                text.Append("builtin").Append(Separator).Append(dir).Append('\n');
                continue;
            }

            // Only a buildpack with a built-in to fall back on gets the short clone timeout.
            var timeout = buildpack.FallbackDir is null ? 0 : (int)Math.Ceiling(wellKnownCloneTimeout.TotalSeconds);
            text.Append("remote").Append(Separator).Append(buildpack.Url).Append(Separator).Append(buildpack.Ref).Append(Separator)
                .Append(buildpack.FallbackDir).Append(Separator).Append(timeout.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }
}
