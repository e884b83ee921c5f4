using Paas.Core.Checks;

namespace Paas.Core.Builds.AppJson;

/// <summary>
/// The parts of app.json Paas uses: <c>buildpacks[].url</c> (the build's buildpack list when
/// neither .buildpacks nor BUILDPACK_URL gives one), <c>scripts.dokku.predeploy</c> /
/// <c>postdeploy</c> (run in a container of the new image before the release, and after the deploy),
/// Heroku's <c>scripts.postdeploy</c> (after the first deploy only),
/// <c>healthchecks</c> (per process type, gating the deploy), <c>formation</c>, <c>cron</c> and <c>env</c>.
/// Everything here was validated; <see cref="Warnings"/> says what was read but will not be acted on.
/// </summary>
public sealed record AppJsonDocument(IReadOnlyList<string> Buildpacks, string? Predeploy, string? Postdeploy)
{
    public static AppJsonDocument Empty { get; } = new([], null, null);

    /// <summary>By process type, in file order; a type listed with no checks has an empty list (the default checks apply).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<HealthCheck>> Healthchecks { get; init; } =
        new Dictionary<string, IReadOnlyList<HealthCheck>>();

    public IReadOnlyDictionary<string, AppJsonProcessFormation> Formation { get; init; } =
        new Dictionary<string, AppJsonProcessFormation>();

    public IReadOnlyList<AppJsonCronEntry> Cron { get; init; } = [];

    /// <summary><c>env</c>, in file order: see <see cref="AppJsonEnvPlan"/> for what a deploy does with it.</summary>
    public IReadOnlyList<AppJsonEnvVar> Env { get; init; } = [];

    /// <summary>
    /// Heroku's <c>scripts.postdeploy</c>: run once, after the app's first successful deploy, never
    /// again (Dokku's reading; <see cref="Postdeploy"/> is the one that runs after every deploy).
    /// </summary>
    public string? FirstDeployPostdeploy { get; init; }

    /// <summary>Things in the file that are valid but ignored, in words for the deploy's output.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
