using Paas.Push.Tests.Deploys;

namespace Paas.Push.Tests.Jobs;

/// <summary>The hourly cleanup (Hangfire recurring job paas:cleanup), triggered from the jobs dashboard as an administrator would.</summary>
[Collection(JobsCollection.Name)]
public sealed class CleanupTests(JobsHost host)
{
    [Fact]
    public async Task TheCleanup_IsRegistered_AndRemovesABuildWorkspaceNoBuildUses()
    {
        var stale = Path.Combine(host.Paasd.Root, "builds", "987654321");
        Directory.CreateDirectory(Path.Combine(stale, "src"));
        await File.WriteAllTextAsync(Path.Combine(stale, "src", "left"), "a build paasd no longer runs");

        using var admin = host.Paasd.SocketClient();
        await DeployHost.EventuallyAsync(async () => (await admin.GetStringAsync("/hangfire/recurring")).Contains("paas:cleanup"),
            TimeSpan.FromSeconds(15), () => Task.FromResult("paas:cleanup is not registered:\n" + host.Paasd.Log));
        using var trigger = await admin.PostAsync("/hangfire/recurring/trigger",
            new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", "paas:cleanup")]));
        Assert.True(trigger.IsSuccessStatusCode, $"{(int)trigger.StatusCode} {await trigger.Content.ReadAsStringAsync()}");

        await DeployHost.EventuallyAsync(() => Task.FromResult(!Directory.Exists(stale)), TimeSpan.FromSeconds(20),
            () => Task.FromResult("the stale workspace is still there:\n" + host.Paasd.Log));
        // The job removes the workspace first and logs its summary after: wait for that line too.
        await DeployHost.EventuallyAsync(() => Task.FromResult(host.Paasd.Log.Contains("cleanup:", StringComparison.Ordinal)), TimeSpan.FromSeconds(10),
            () => Task.FromResult("the cleanup logged no summary:\n" + host.Paasd.Log));
    }
}
