using Paas.Testing;

namespace Paas.Builds.Tests.Buildpacks;

/// <summary>The checkout's buildpacks/ (NN-NAME directories, detected in name order) and tests/apps/ samples.</summary>
internal static class BuiltInBuildpacks
{
    public static string Directory { get; } = Path.Combine(RepositoryRoot.Find(), "buildpacks");

    public static string SampleApp(string name) => Path.Combine(RepositoryRoot.Find(), "tests", "apps", name);

    /// <summary>Directory names in detection order, e.g. "10-null" (only numbered dirs are detected).</summary>
    public static IReadOnlyList<string> InOrder() =>
        All().Where(name => char.IsAsciiDigit(name[0])).ToList();

    /// <summary>Every built-in's directory name, the named-only ones (no number, e.g. "apt") included.</summary>
    public static IReadOnlyList<string> All() =>
        System.IO.Directory.EnumerateDirectories(Directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => File.Exists(Path.Combine(Directory, name, "bin", "detect")))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The directory name of a buildpack by its name without the order prefix ("nodejs" gives "20-nodejs").</summary>
    public static string DirectoryOf(string name) =>
        All().Single(dir => dir[(dir.IndexOf('-') + 1)..] == name);
}
