using System.Globalization;
using Paas.Core.Containers;
using Paas.Engine.Deploys;

namespace Paas.Engine.Cleanup;

/// <summary>
/// Which containers no one will collect, so the hourly cleanup deletes them: any instance of an app
/// that is gone (no scheduler pass looks at its app any more), and, once exited for
/// <see cref="ExitedGrace"/>, an app's one-off (run, cron, release, predeploy, postdeploy, build:
/// whoever started it deletes it when it ends, so one left means its caller is gone) or an instance
/// no row names. A running one-off, or a running instance of an app that exists, is never abandoned:
/// the first belongs to its caller, the second to the scheduler. Containers without an app id are
/// not the platform's apps' and are left alone.
/// </summary>
public static class AbandonedContainers
{
    /// <summary>An exited container younger than this may still be collected by whoever started it.</summary>
    public static readonly TimeSpan ExitedGrace = TimeSpan.FromMinutes(10);

    public static bool Is(ContainerInfo container, IReadOnlySet<long> apps, IReadOnlyDictionary<long, string?> instances, DateTimeOffset now)
    {
        var labels = container.Spec.Labels;
        if (!long.TryParse(labels.GetValueOrDefault(ContainerLabels.AppId), NumberStyles.None, CultureInfo.InvariantCulture, out var appId))
            return false;
        var isInstance = labels.TryGetValue(InstanceSpecs.InstanceLabel, out var instanceLabel);
        // An instance of a destroyed app: no scheduler pass looks at its app any more.
        if (isInstance && !apps.Contains(appId)) return true;
        if (container.Status == ContainerStatus.Running) return false;
        if (now - (container.FinishedAt ?? container.CreatedAt) < ExitedGrace) return false;
        if (!isInstance) return true; // A one-off whose caller never collected it.
        return !long.TryParse(instanceLabel, NumberStyles.None, CultureInfo.InvariantCulture, out var rowId)
               || !instances.TryGetValue(rowId, out var named) || named != container.Id;
    }
}
