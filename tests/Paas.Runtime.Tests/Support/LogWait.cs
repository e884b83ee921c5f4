using Paas.Runtime.Logs;

namespace Paas.Runtime.Tests.Support;

/// <summary>Waits for a container's line to reach the app's log (conmon writes it asynchronously).</summary>
public static class LogWait
{
    public static async Task ForLineAsync(ContainerHost host, string containerId, string text, long appId = ContainerHost.DemoAppId, int seconds = 10)
    {
        var store = new FileLogStore(host.Paths);
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var lines = await store.TailAsync(appId, 10_000, null, CancellationToken.None);
            if (lines.Any(l => l.ContainerId == containerId && l.Text == text)) return;
            Assert.True(DateTime.UtcNow < deadline,
                $"'{text}' not logged by {containerId} within {seconds} s; got: {string.Join(" | ", lines.Where(l => l.ContainerId == containerId).Select(l => l.Text))}");
            await Task.Delay(50);
        }
    }
}
