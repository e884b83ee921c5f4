namespace Paas.Builds.Buildpacks;

/// <summary>
/// The buildpacks a build runs and where the list came from. With <see cref="Detect"/> the first
/// whose bin/detect accepts the app is the one; otherwise all run, in order (multi-buildpack).
/// </summary>
internal sealed record BuildpackPlan(IReadOnlyList<BuildpackSpec> Buildpacks, bool Detect, string Origin)
{
    /// <summary>What the build output should say about the list before it runs (a shorthand mapped to a built-in).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];
}
