using System.Globalization;
using Paas.Builds.Driver;
using Paas.Builds.Workspaces;
using Paas.Core.Builds;
using Paas.Core.Containers;

namespace Paas.Builds;

/// <summary>
/// The build container: the app's stack image, the driver as its command, uid 1000 from the start
/// (nothing runs as root), the app's network isolation group, and herokuish's dirs as volumes:
/// /tmp/build and /tmp/cache writable, /tmp/env, /tmp/buildpacks and the driver read-only.
/// </summary>
internal static class BuildContainerSpec
{
    public const string BuildUser = "1000:1000";
    public const uint BuildUid = 1000;
    public const uint BuildGid = 1000;
    public const string ProcessType = "build";

    public static ContainerSpec For(BuildRequest request, BuildWorkspace workspace, string cacheDir, string stackName, BuildRunnerOptions options) => new(
        Image: request.StackImage,
        Command: ["/bin/bash", $"{DriverFiles.ContainerDir}/{DriverFiles.ScriptName}"],
        Env: new Dictionary<string, string>
        {
            ["STACK"] = stackName,
            ["SOURCE_VERSION"] = request.Source.Commit,
            ["HOME"] = "/app",
        },
        WorkingDir: "/tmp/build",
        User: BuildUser,
        Hostname: Hostname(request.AppName),
        Labels: new Dictionary<string, string>
        {
            [ContainerLabels.App] = request.AppName,
            [ContainerLabels.AppId] = request.AppId.ToString(CultureInfo.InvariantCulture),
            [ContainerLabels.ProcessType] = ProcessType,
        },
        Limits: request.Limits.Over(options.Limits),
        Volumes: Volumes(workspace, cacheDir, options),
        Network: options.Network,
        Ports: []);

    private static List<VolumeMount> Volumes(BuildWorkspace workspace, string cacheDir, BuildRunnerOptions options)
    {
        List<VolumeMount> volumes =
        [
            new(workspace.Source, "/tmp/build", ReadOnly: false),
            new(cacheDir, "/tmp/cache", ReadOnly: false),
            new(workspace.Env, "/tmp/env", ReadOnly: true),
            new(workspace.Driver, DriverFiles.ContainerDir, ReadOnly: true),
            new(workspace.Results, DriverFiles.ContainerResultsDir, ReadOnly: false),
        ];
        // A host without built-ins can still build with buildpacks named by URL.
        if (Directory.Exists(options.BuildpacksDirectory)) volumes.Add(new(options.BuildpacksDirectory, "/tmp/buildpacks", ReadOnly: true));
        return volumes;
    }

    /// <summary>APP.build, as app containers are APP.TYPE.N; a name too long for a hostname gets "build".</summary>
    private static string Hostname(string app) => app.Length + ".build".Length <= 63 ? app + ".build" : "build";
}
