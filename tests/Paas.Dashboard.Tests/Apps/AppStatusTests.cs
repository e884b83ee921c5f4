using Paas.Core.Contracts;
using Paas.Dashboard.Apps;

namespace Paas.Dashboard.Tests.Apps;

public sealed class AppStatusTests
{
    [Theory]
    [InlineData(null, false, "", "", AppStatus.New)]
    [InlineData(1, false, "running", "", AppStatus.Running)]
    [InlineData(1, false, "crashed", "", AppStatus.Crashed)]
    [InlineData(1, true, "", "", AppStatus.Stopped)]
    [InlineData(1, false, "running", "running", AppStatus.Deploying)]
    [InlineData(1, false, "", "succeeded", AppStatus.Stopped)]
    public void TheStatus_FollowsDeploysInstancesAndStop(int? serving, bool stopped, string instanceState, string deployStatus, AppStatus expected)
    {
        var instances = instanceState.Length == 0 ? [] : new[] { new InstanceView("web.1", 1, instanceState, null, null, 0, null, false, null, null, null) };
        var deploys = deployStatus.Length == 0 ? [] : new[] { new DeploymentView(1, 1, "push", deployStatus, "checks", [], "admin", null, DateTimeOffset.UtcNow, null) };
        var report = new ProcessReport("a", serving, serving, stopped, "on-failure", 30, new Dictionary<string, int>(), instances, deploys);

        Assert.Equal(expected, AppStatuses.Of(report));
    }
}
