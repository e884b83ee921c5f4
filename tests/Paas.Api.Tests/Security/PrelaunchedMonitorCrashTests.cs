using System.Text.Json.Nodes;
using Paas.Testing;

namespace Paas.Api.Tests.Security;

/// <summary>
/// paasd keeps a conmon started ahead of time, waiting on its start socket, and conmon takes
/// end-of-file there for "go". kill -9 of a real paasd must not let that conmon run the runtime,
/// even when the crash came after paasd wrote a complete bundle for it (the worst moment: a
/// create that had not yet released it). Own paasd, since this test kills it.
/// </summary>
public sealed class PrelaunchedMonitorCrashTests(PaasdFixture paasd) : IClassFixture<PaasdFixture>
{
    private static readonly string Runc = File.Exists("/usr/sbin/runc") ? "/usr/sbin/runc" : "/usr/bin/runc";

    [Fact]
    public async Task KillNinePaasd_ThePrelaunchedMonitorRunsNothing_AndIsGone()
    {
        var id = await WaitForPrelaunchedAsync();
        var conmon = ProcessesNaming(id);
        Assert.NotEmpty(conmon);
        try
        {
            await WriteCompleteBundleAsync(id);

            await paasd.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));

            Assert.Empty(ProcessesNaming(id));
            var state = await ProcessRunner.RunAsync(Runc, ["--root", Path.Combine(paasd.Root, "run", "runtime"), "state", id]);
            Assert.True(state.ExitCode != 0, $"runc knows container {id}: {state.StandardOutput}");
            Assert.Empty(Cgroups(id));
        }
        finally
        {
            await RemoveWhatTheMonitorMadeAsync(id);
            await paasd.RestartAsync();
        }
    }

    /// <summary>The id of the conmon paasd started ahead of time: its dir has no container.json, and its log is open.</summary>
    private async Task<string> WaitForPrelaunchedAsync()
    {
        var containers = Path.Combine(paasd.Root, "run", "containers");
        var pending = Path.Combine(paasd.Root, "logs", ".pending");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var waiting = Directory.Exists(containers)
                ? Directory.GetDirectories(containers).Select(Path.GetFileName).OfType<string>()
                    .FirstOrDefault(id => !File.Exists(Path.Combine(containers, id, "container.json")) &&
                                          File.Exists(Path.Combine(pending, id + ".log")) && ProcessesNaming(id).Count > 0)
                : null;
            if (waiting is not null) return waiting;
            Assert.True(DateTime.UtcNow < deadline, $"paasd started no monitor ahead of time within 20 s:\n{paasd.Log}");
            await Task.Delay(50);
        }
    }

    /// <summary>What a create writes before it releases the monitor: a bundle runc would run (static tini as the command).</summary>
    private async Task WriteCompleteBundleAsync(string id)
    {
        var bundle = Path.Combine(paasd.Root, "run", "containers", id, "bundle");
        var rootfs = Directory.CreateDirectory(Path.Combine(bundle, "rootfs")).FullName;
        File.Copy("/usr/bin/tini-static", Path.Combine(rootfs, "tini"));
        await ProcessRunner.RunCheckedAsync(Runc, "spec", "--bundle", bundle);
        var configPath = Path.Combine(bundle, "config.json");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(configPath))!;
        config["process"]!["terminal"] = false;
        config["process"]!["args"] = new JsonArray("/tini", "--version");
        config["linux"]!["cgroupsPath"] = "/paas/" + id;
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
    }

    /// <summary>Pids of processes whose command line names the container (conmon: --cid ID; runc: ... ID).</summary>
    private static List<int> ProcessesNaming(string id)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (args.Contains(id)) pids.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return pids;
    }

    private static List<string> Cgroups(string id) =>
        Directory.GetDirectories("/sys/fs/cgroup")
            .Select(c => Path.Combine(c, "paas", id))
            .Where(Directory.Exists)
            .ToList();

    /// <summary>On a failure, whatever the monitor went on to create: the container, its processes, its cgroups.</summary>
    private async Task RemoveWhatTheMonitorMadeAsync(string id)
    {
        await ProcessRunner.RunAsync(Runc, ["--root", Path.Combine(paasd.Root, "run", "runtime"), "delete", "--force", id]);
        foreach (var pid in ProcessesNaming(id))
        {
            try { System.Diagnostics.Process.GetProcessById(pid).Kill(); }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        }
        foreach (var cgroup in Cgroups(id))
        {
            try { Directory.Delete(cgroup); }
            catch (IOException) { }
        }
    }
}
