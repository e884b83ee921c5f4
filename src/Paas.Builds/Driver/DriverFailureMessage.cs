using Paas.Core.Builds;
using Paas.Core.Containers;

namespace Paas.Builds.Driver;

/// <summary>Why a build container exited non-zero, in one sentence for the pusher and the build record.</summary>
internal static class DriverFailureMessage
{
    public static BuildFailedException From(ContainerInfo exit, DriverResults results, long? memoryLimit, bool hasDockerfile)
    {
        if (exit.OomKilled)
            return new BuildFailedException(
                $"the build ran out of memory (limit {FormatBytes(memoryLimit)}); make it need less or raise the app's build memory limit");
        var code = exit.ExitCode;
        var failure = results.Failure;
        return code switch
        {
            DriverExitCodes.NoneDetected =>
                new BuildFailedException($"no buildpack detected the app; tried {string.Join(", ", results.Tried)}. Add a .buildpacks file or set BUILDPACK_URL"
                                         + (hasDockerfile ? DockerfileHint : "")),
            DriverExitCodes.CompileFailed when failure is { Step: "compile" } =>
                new BuildFailedException($"compile of buildpack {failure.Buildpack} failed (exit {failure.ExitCode})"),
            DriverExitCodes.FetchFailed when failure is not null =>
                new BuildFailedException($"buildpack {failure.Buildpack} could not be fetched"),
            DriverExitCodes.ReleaseFailed when failure is not null =>
                new BuildFailedException($"bin/release of buildpack {failure.Buildpack} failed"),
            _ => new BuildFailedException($"the build exited with code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}"),
        };
    }

    // Dokku builds an app with a Dockerfile with Docker; Paas has no Docker daemon, so say so.
    private const string DockerfileHint =
        ". The app's Dockerfile is not used: Paas builds with buildpacks only (no Docker); add a Procfile (the procfile buildpack) or name a buildpack for the app's language";

    private static string FormatBytes(long? bytes) => bytes is { } b ? $"{b / (1024 * 1024)} MiB" : "none";
}
