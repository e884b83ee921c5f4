using System.Text.RegularExpressions;

namespace Paas.Builds.Buildpacks;

/// <summary>
/// The built-in buildpacks: every dir with a <c>bin/detect</c>. Those named <c>NN-name</c> take part in
/// detection, in directory-name order (herokuish's BUILDPACK_ORDER); a dir without a number (<c>apt</c>)
/// runs only when an app names it (a well-known URL or shorthand), since it prepares for another
/// buildpack rather than building the app. A buildpack's name is its dir name without the number.
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

    /// <summary>The built-ins detection tries, in order: those with an order number.</summary>
    public static IReadOnlyList<string> ForDetection(IReadOnlyList<string> dirs) =>
        dirs.Where(d => NumberPrefix().IsMatch(d)).ToList();

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
