namespace Paas.Core.Builds.AppJson;

/// <summary>
/// The parts of app.json Paas uses: <c>buildpacks[].url</c> (the build's buildpack list when
/// neither .buildpacks nor BUILDPACK_URL gives one) and <c>scripts.dokku.predeploy</c> /
/// <c>postdeploy</c> (run in a container of the new image before the release, and after the deploy).
/// </summary>
public sealed record AppJsonDocument(IReadOnlyList<string> Buildpacks, string? Predeploy, string? Postdeploy)
{
    public static AppJsonDocument Empty { get; } = new([], null, null);
}
