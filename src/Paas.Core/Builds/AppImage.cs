namespace Paas.Core.Builds;

/// <summary>
/// The runtime contract of a built app image, which the deploy step, predeploy and `run` rely on:
/// the slug at /app, run as uid 1000, and a launcher beside it that sets up the environment
/// (HOME=/app, .profile.d, the buildpack's config_vars) before it runs a process type or a command.
/// </summary>
public static class AppImage
{
    public const string AppDirectory = "/app";
    public const string User = "1000:1000";

    /// <summary><c>/paas/start TYPE</c>: runs the process type's command from the image's Procfile.</summary>
    public const string Start = "/paas/start";

    /// <summary><c>/paas/exec CMD ARGS...</c>: runs a command in the app's environment.</summary>
    public const string Exec = "/paas/exec";
}
