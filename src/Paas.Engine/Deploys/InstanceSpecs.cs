using System.Globalization;
using Paas.Core.Apps;
using Paas.Core.Builds;
using Paas.Core.Containers;
using Paas.Core.Limits;
using Paas.Core.Networking;
using Paas.Core.Releases;

namespace Paas.Engine.Deploys;

/// <summary>
/// The container of one instance APP.TYPE.N: the release's image and config, the launcher running
/// the process type, PORT (the container port routes go to) and DYNO, labels that tie it to its
/// app, release and row, the limits of its process type, and the app's storage mounts (see <see cref="Storage.AppStorage"/>).
/// </summary>
public static class InstanceSpecs
{
    /// <summary>The <c>containers</c> row an app container belongs to; containers without one are not the scheduler's.</summary>
    public const string InstanceLabel = "paas.instance";

    public static ContainerSpec For(App app, Release release, string processType, int number, long instanceId, int port, ResourceLimits limits,
        IReadOnlyList<VolumeMount> volumes)
    {
        var env = new Dictionary<string, string>(release.Config)
        {
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["DYNO"] = $"{processType}.{number}",
        };
        return new ContainerSpec(
            ImageOf(app, release),
            [AppImage.Start, processType],
            env,
            WorkingDir: null,
            User: null,
            Hostname: Hostname(app.Name, processType, number),
            Labels: new Dictionary<string, string>
            {
                [ContainerLabels.App] = app.Name,
                [ContainerLabels.AppId] = app.Id.ToString(CultureInfo.InvariantCulture),
                [ContainerLabels.ProcessType] = processType,
                [ContainerLabels.Release] = release.Version.ToString(CultureInfo.InvariantCulture),
                [InstanceLabel] = instanceId.ToString(CultureInfo.InvariantCulture),
            },
            limits,
            volumes,
            NetworkMode.Bridge,
            Ports: []);
    }

    /// <summary>A one-off container of the release (the release phase, postdeploy, `run`): its config, PORT, and DYNO <paramref name="dyno"/>.</summary>
    public static ContainerSpec OneOff(App app, Release release, IReadOnlyList<string> command, string processType, string dyno, int port,
        ResourceLimits limits, IReadOnlyList<VolumeMount> volumes, IReadOnlyDictionary<string, string>? extraEnv = null)
    {
        var env = new Dictionary<string, string>(release.Config)
        {
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["DYNO"] = dyno,
        };
        foreach (var (key, value) in extraEnv ?? new Dictionary<string, string>()) env[key] = value;
        return new ContainerSpec(
            ImageOf(app, release),
            command,
            env,
            WorkingDir: null,
            User: null,
            Hostname: Hostname(app.Name, processType, 1),
            Labels: new Dictionary<string, string>
            {
                [ContainerLabels.App] = app.Name,
                [ContainerLabels.AppId] = app.Id.ToString(CultureInfo.InvariantCulture),
                [ContainerLabels.ProcessType] = processType,
                [ContainerLabels.Release] = release.Version.ToString(CultureInfo.InvariantCulture),
            },
            limits,
            volumes,
            NetworkMode.Bridge,
            Ports: []);
    }

    /// <summary>The release's image (a release always has one once built).</summary>
    public static string ImageOf(App app, Release release) =>
        release.ImageDigest ?? throw new InvalidOperationException($"release v{release.Version} of {app.Name} has no image");

    /// <summary>"app.web.1" as a valid host name: '_' is not allowed there, and 63 characters at most.</summary>
    public static string Hostname(string app, string processType, int number)
    {
        var name = $"{app}.{processType.Replace('_', '-')}.{number.ToString(CultureInfo.InvariantCulture)}";
        return name.Length <= 63 ? name : name[..63].TrimEnd('.', '-');
    }
}
