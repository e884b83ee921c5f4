using Paas.Core.Containers;
using Paas.Runtime.Containers;

namespace Paas.Runtime.Tests.Support;

/// <summary>Finds a container an attached run made (the run returns its id only at the end).</summary>
public static class RunningContainers
{
    /// <summary>The id of the one container with <paramref name="hostname"/>; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<string> IdByHostnameAsync(ContainerRuntime runtime, string hostname, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = (await runtime.ListAsync(CancellationToken.None)).Where(c => c.Spec.Hostname == hostname).ToList();
            if (found.Count == 1) return found[0].Id;
            Assert.True(DateTime.UtcNow < deadline, $"{found.Count} containers named {hostname} after {timeout.TotalSeconds} s");
            await Task.Delay(20);
        }
    }

    /// <summary>A hostname no other test uses.</summary>
    public static string UniqueHostname() => "run-" + Guid.NewGuid().ToString("N")[..12];
}
