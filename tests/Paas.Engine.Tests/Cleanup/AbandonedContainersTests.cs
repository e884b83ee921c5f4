using Paas.Core.Containers;
using Paas.Core.Limits;
using Paas.Engine.Cleanup;
using Paas.Engine.Deploys;

namespace Paas.Engine.Tests.Cleanup;

public sealed class AbandonedContainersTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LongAgo = Now - AbandonedContainers.ExitedGrace - TimeSpan.FromMinutes(1);
    private static readonly HashSet<long> Apps = [1];
    private static readonly Dictionary<long, string?> Rows = new() { [10] = "c-web" };

    [Fact]
    public void AnInstanceOfADestroyedApp_IsAbandoned_EvenRunning() =>
        Assert.True(Abandoned(Container("c", app: 2, instance: 20, ContainerStatus.Running, finished: null)));

    [Fact]
    public void RunningContainersOfAnExistingApp_AreNeverAbandoned()
    {
        Assert.False(Abandoned(Container("c-orphan", app: 1, instance: 99, ContainerStatus.Running, finished: null)));
        Assert.False(Abandoned(Container("c-run", app: 1, instance: null, ContainerStatus.Running, finished: null)));
    }

    [Fact]
    public void AnExitedOneOff_IsAbandonedOnlyAfterTheGrace()
    {
        Assert.False(Abandoned(Container("c-run", app: 1, instance: null, ContainerStatus.Stopped, finished: Now - TimeSpan.FromMinutes(1))));
        Assert.True(Abandoned(Container("c-run", app: 1, instance: null, ContainerStatus.Stopped, finished: LongAgo)));
    }

    [Fact]
    public void AnExitedInstance_IsAbandonedWhenNoRowNamesIt()
    {
        Assert.False(Abandoned(Container("c-web", app: 1, instance: 10, ContainerStatus.Stopped, finished: LongAgo)));
        Assert.True(Abandoned(Container("c-old", app: 1, instance: 10, ContainerStatus.Stopped, finished: LongAgo)));
        Assert.True(Abandoned(Container("c-gone", app: 1, instance: 11, ContainerStatus.Stopped, finished: LongAgo)));
    }

    [Fact]
    public void AContainerWithoutAnAppId_IsLeftAlone() =>
        Assert.False(Abandoned(Container("c", app: null, instance: null, ContainerStatus.Stopped, finished: LongAgo)));

    private static bool Abandoned(ContainerInfo container) => AbandonedContainers.Is(container, Apps, Rows, Now);

    private static ContainerInfo Container(string id, long? app, long? instance, ContainerStatus status, DateTimeOffset? finished)
    {
        var labels = new Dictionary<string, string>();
        if (app is { } a) labels[ContainerLabels.AppId] = a.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (instance is { } i) labels[InstanceSpecs.InstanceLabel] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var spec = new ContainerSpec("sha256:x", ["true"], new Dictionary<string, string>(), null, null, "h", labels,
            new ResourceLimits(null, null, null), [], NetworkMode.Bridge, []);
        return new ContainerInfo(id, spec, status, null, LongAgo - TimeSpan.FromHours(1), null, finished, finished is null ? null : 0, false, null);
    }
}
