using System.Text.Json;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

[Collection(PaasdCollection.Name)]
public sealed class StorageCommandTests(PaasdFixture paasd)
{
    private readonly PaasdCli _cli = new(paasd);

    [Fact]
    public async Task Storage_MountListReportUnmount_SayingWhenItApplies()
    {
        var app = await _cli.CreateAppAsync();

        var mount = await _cli.RunInProcessAsync("storage:mount", app, "uploads:/app/uploads");
        var readOnly = await _cli.RunInProcessAsync("storage:mount", app, "config:/app/config:ro");
        var text = await _cli.RunInProcessAsync("storage:list", app);
        var report = await _cli.RunInProcessAsync("storage:report", app);
        var appReport = await _cli.RunInProcessAsync("apps:report", app);
        var unmount = await _cli.RunInProcessAsync("storage:unmount", app, "uploads:/app/uploads");
        var json = await _cli.RunInProcessAsync("storage:list", app, "--format", "json");

        Assert.True(mount.ExitCode == 0, mount.ToString());
        Assert.True(readOnly.ExitCode == 0, readOnly.ToString());
        Assert.Contains($"-----> Mounted uploads:/app/uploads on {app}\n", mount.Stdout);
        Assert.Contains($"run `paas ps:restart {app}`", mount.Stdout);
        Assert.Matches(@"\n\s+uploads\s+/app/uploads\s+rw\s+/\S+/volumes/apps/\d+/uploads\n", text.Stdout);
        Assert.Matches(@"\n\s+config\s+/app/config\s+ro\s+", text.Stdout);
        Assert.Matches(@"Storage run mounts:\s+config:/app/config:ro uploads:/app/uploads\n", report.Stdout);
        Assert.Matches(@"Storage mounts:?\s+config:/app/config:ro,? uploads:/app/uploads\n", appReport.Stdout);
        Assert.Matches(@"Disk volumes:?\s+\S", appReport.Stdout);
        Assert.True(unmount.ExitCode == 0, unmount.ToString());
        Assert.Contains("its data stays", unmount.Stdout);
        Assert.Contains($"run `paas ps:restart {app}`", unmount.Stdout);
        var left = JsonSerializer.Deserialize<StorageMountView[]>(json.Stdout, ApiJson.Lenient)!;
        Assert.Equal(["config:/app/config:ro"], left.Select(m => m.ToString()));
    }

    [Theory]
    [InlineData("/etc:/app/etc", "host paths are not accepted")]
    [InlineData("data:app/data", "must be absolute")]
    [InlineData("data:/proc/x", "reserved for the runtime")]
    public async Task Storage_BadMount_ExitsOne_SayingWhy(string mount, string message)
    {
        var app = await _cli.CreateAppAsync();

        var result = await _cli.RunInProcessAsync("storage:mount", app, mount);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    [Fact]
    public async Task StorageEnsureDirectory_SaysWhereAndWhoOwnsIt()
    {
        var app = await _cli.CreateAppAsync();

        var result = await _cli.RunInProcessAsync("storage:ensure-directory", app, "uploads");
        var bad = await _cli.RunInProcessAsync("storage:ensure-directory", app, "/etc");

        Assert.True(result.ExitCode == 0, result.ToString());
        var match = System.Text.RegularExpressions.Regex.Match(result.Stdout, @"Ensured (/\S+/volumes/apps/\d+/uploads) for volume uploads.*chown -R (\d+):(\d+) \1\n", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(match.Success, result.Stdout);
        Assert.True(Directory.Exists(match.Groups[1].Value));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("volume name '/etc' is invalid", bad.Stderr);
        Assert.Equal(0, (await _cli.RunInProcessAsync("apps:destroy", app, "--force")).ExitCode);
        Assert.False(Directory.Exists(match.Groups[1].Value));
    }

    [Fact]
    public async Task Storage_SecondMountAtOnePath_ExitsOne()
    {
        var app = await _cli.CreateAppAsync();
        await _cli.RunInProcessAsync("storage:mount", app, "data:/data");

        var result = await _cli.RunInProcessAsync("storage:mount", app, "other:/data");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already mounts 'data:/data' at '/data'", result.Stderr);
    }
}
