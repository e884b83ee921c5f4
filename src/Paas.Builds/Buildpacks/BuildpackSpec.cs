namespace Paas.Builds.Buildpacks;

/// <summary>
/// One buildpack of a build: a built-in dir, or a URL cloned (or a tarball fetched) inside the build
/// container, at <see cref="Ref"/>, with a built-in to fall back on when it cannot be fetched.
/// </summary>
internal sealed record BuildpackSpec(string? BuiltinDir, string? Url, string? Ref, string? FallbackDir)
{
    public static BuildpackSpec Builtin(string dir) => new(dir, null, null, null);

    public static BuildpackSpec Remote(string url, string? gitRef, string? fallbackDir) => new(null, url, gitRef, fallbackDir);

    public override string ToString() => BuiltinDir is { } dir ? BuiltinBuildpacks.NameOf(dir) : Url + (Ref is null ? "" : "#" + Ref);
}
