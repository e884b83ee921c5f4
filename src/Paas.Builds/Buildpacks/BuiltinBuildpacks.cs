using System.Text.RegularExpressions;

namespace Paas.Builds.Buildpacks;

/// <summary>
/// The built-in buildpacks: every dir of <c>NN-name</c> with a <c>bin/detect</c>, in directory-name
/// order (herokuish's BUILDPACK_ORDER). A buildpack's name is its dir name without the number.
/// </summary>
internal static partial class BuiltinBuildpacks
{
    public static IReadOnlyList<string> List(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateDirectories(directory)
                .Where(d => File.Exists(Path.Combine(d, "bin", "detect")))
                .Select(Path.GetFileName).OfType<string>()
                .Where(n => DirName().IsMatch(n))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    public static string NameOf(string dirName) => NumberPrefix().Replace(dirName, "");

    /// <summary>The dir of the built-in called <paramref name="name"/> ("nodejs" finds "30-nodejs"), or null.</summary>
    public static string? Find(IReadOnlyList<string> dirs, string name) =>
        dirs.FirstOrDefault(d => NameOf(d) == name);

    [GeneratedRegex(@"^[0-9]+[-_]")]
    private static partial Regex NumberPrefix();

    // Names end up in the driver's tab-separated plan and in messages: nothing exotic.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z")]
    private static partial Regex DirName();
}
