using System.Globalization;
using Paas.Core.Builds;
using Paas.Core.Containers;
using Paas.Core.Formation;
using Paas.Engine.Deploys;

namespace Paas.Engine.Cron;

/// <summary>
/// The one-off container of a cron entry: the serving release's image and config, <c>/bin/sh -c</c>
/// of the command after .profile.d, DYNO=cron.N, the limits of process type <c>cron</c>.
/// </summary>
public static class CronSpecs
{
    public const string ProcessType = "cron";

    public static ContainerSpec For(DeployContext context, int entry, string command, IReadOnlyList<VolumeMount> volumes) =>
        InstanceSpecs.OneOff(context.App, context.Release!, [AppImage.Exec, "/bin/sh", "-c", command], ProcessType,
            string.Create(CultureInfo.InvariantCulture, $"{ProcessType}.{entry}"), context.Port, EffectiveLimits.For(context.Limits, ProcessType), volumes);
}
