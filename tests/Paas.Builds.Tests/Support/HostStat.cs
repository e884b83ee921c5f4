using System.Diagnostics;

namespace Paas.Builds.Tests.Support;

/// <summary>Owner of a host path as `stat` reports it (uid:gid), without following a link.</summary>
public static class HostStat
{
    public static async Task<string> OwnerAsync(string path)
    {
        var psi = new ProcessStartInfo("stat") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "%u:%g", "--", path }) psi.ArgumentList.Add(argument);
        using var process = Process.Start(psi)!;
        var owner = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"stat {path} failed");
        return owner;
    }
}
