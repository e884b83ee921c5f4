using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>storage:mount on a deployed app: what one container writes to the volume, the next containers of the app read, across restarts.</summary>
[Collection(PushCollection.Name)]
public sealed class StorageTests(PushHost host)
{
    [Fact]
    public async Task AMountedVolume_KeepsWhatTheAppWrote_AcrossRestarts_AndIsSharedByItsContainers()
    {
        var app = await host.CreateAppAsync("storage");
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);

        var mount = await host.Paasd.PaasAsync(["storage:mount", app, "data:/srv/data"]);
        var before = await host.Paasd.PaasAsync(["enter", app, "web.1", "test -d /srv/data && echo mounted || echo absent"]);
        var restart = await host.Paasd.PaasAsync(["ps:restart", app]);
        var write = await host.Paasd.PaasAsync(["enter", app, "web.1", "id -u > /srv/data/note; echo from-web >> /srv/data/note"]);
        var read = await host.Paasd.PaasAsync(["run", app, "cat /srv/data/note"]);
        var again = await host.Paasd.PaasAsync(["ps:restart", app]);
        var afterRestart = await host.Paasd.PaasAsync(["enter", app, "web.1", "cat /srv/data/note"]);

        Assert.True(mount.ExitCode == 0, mount.StandardError);
        Assert.Contains($"paas ps:restart {app}", mount.StandardOutput);
        // Mounts apply to containers started afterwards, as in Dokku.
        Assert.Equal("absent\n", before.StandardOutput);
        Assert.True(restart.ExitCode == 0, restart.StandardError);
        Assert.True(write.ExitCode == 0, write.StandardError);
        Assert.Equal(("1000\nfrom-web\n", 0), (read.StandardOutput, read.ExitCode));
        Assert.True(again.ExitCode == 0, again.StandardError);
        Assert.Equal("1000\nfrom-web\n", afterRestart.StandardOutput);

        var list = await host.Paasd.PaasAsync(["storage:list", app, "--format", "json"]);
        var hostPath = System.Text.Json.JsonDocument.Parse(list.StandardOutput).RootElement[0].GetProperty("hostPath").GetString()!;
        Assert.True(File.Exists(Path.Combine(hostPath, "note")));
        var destroy = await host.Paasd.PaasAsync(["apps:destroy", app, "--force"]);
        Assert.True(destroy.ExitCode == 0, destroy.StandardError);
        Assert.False(Directory.Exists(hostPath));
    }
}
