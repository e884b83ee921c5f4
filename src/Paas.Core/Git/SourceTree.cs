namespace Paas.Core.Git;

/// <summary>
/// A commit extracted for a build. <see cref="Directory"/> holds the tree (no .git; symlinks kept as
/// symlinks). <see cref="Files"/> holds the metadata files the platform reads (Procfile, app.json,
/// CHECKS, .buildpacks, .slugignore, .env), read from git blobs at the repo root; a name that is absent,
/// or is a symlink or a directory in the commit, is not in it.
/// </summary>
public sealed record SourceTree(string Directory, string Commit, IReadOnlyDictionary<string, string> Files)
{
    public const string Procfile = "Procfile";
    public const string AppJson = "app.json";
    public const string Checks = "CHECKS";
    public const string Buildpacks = ".buildpacks";
    public const string SlugIgnore = ".slugignore";
    public const string Dockerfile = "Dockerfile";
    /// <summary>The app's committed environment file, which herokuish (and so Dokku) exports into the build.</summary>
    public const string DotEnv = ".env";

    public static IReadOnlyList<string> MetadataFiles { get; } = [Procfile, AppJson, Checks, Buildpacks, SlugIgnore, DotEnv];

    /// <summary>Files only noted as present (an empty string in <see cref="Files"/>), never read: a Dockerfile, to say that it is not used.</summary>
    public static IReadOnlyList<string> PresenceOnlyFiles { get; } = [Dockerfile];

    public string? File(string name) => Files.TryGetValue(name, out var content) ? content : null;
}
