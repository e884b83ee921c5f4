using Paas.Core.Apps;
using Paas.Core.Auth;
using Paas.Core.Containers;
using Paas.Core.Git;
using Paas.Core.Images;
using Paas.Core.Limits;
using Paas.Core.Releases;
using Paas.Core.Stacks;
using Paas.Core.Storage;
using Paas.Engine.Builds;
using Paas.Engine.Deploys;
using Paas.Engine.Operations;
using Paas.Engine.Storage;
using Paas.Engine.Tests.Checks;
using Paas.Engine.Tests.Metrics;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;
using Paas.Runtime.Stacks;
using Paas.Runtime.Volumes;
using Paas.Testing;

namespace Paas.Engine.Tests.Storage;

/// <summary>
/// storage:mount end to end below the API: real containers in a private runtime root, a real state database.
/// A file one container of an app writes through its mount is there for the next container of the app
/// (an instance, a one-off, predeploy), and another app mounting a volume of the same name sees its own.
/// </summary>
public sealed class StorageContainerTests(MetricsDatabase db) : IClassFixture<MetricsDatabase>, IAsyncLifetime
{
    private const string Image = "app/storage-test:v1";
    private static readonly Actor Admin = new(0, "admin", Role.Admin, "test");
    private readonly RuntimePaths _paths = new(Directory.CreateTempSubdirectory("paas-storage-test-").FullName);
    private ContainerRuntime _runtime = null!;
    private OciImageStore _images = null!;
    private TestNetwork _network = null!;
    private AppVolumeDirectories _volumes = null!;
    private StateOperation _op = null!;

    public async Task InitializeAsync()
    {
        Assert.True(Environment.UserName == "root", "these tests run containers: run them as root");
        var userns = TestUserNamespace.Mapping;
        var images = _images = new OciImageStore(_paths, TimeProvider.System, userNamespace: userns);
        await new StackStore(_paths, images).CreateAsync("host", StackSource.Host, CancellationToken.None);
        // An app image as a build makes one: the /paas launchers on the stack, run as the stack's app user.
        var layer = Directory.CreateTempSubdirectory("paas-storage-layer-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(layer, "paas"));
            foreach (var launcher in new[] { "exec", "start" })
            {
                var file = Path.Combine(layer, "paas", launcher);
                await File.WriteAllTextAsync(file, launcher == "exec" ? "#!/bin/sh\nexec \"$@\"\n" : "#!/bin/sh\nexec /bin/sh -c \"$STORAGE_TEST_COMMAND\"\n");
                File.SetUnixFileMode(file, (UnixFileMode)0b111_101_101);
            }
            await images.CommitDirectoryAsync(Image, layer, ImageConfig.Empty with { User = "1000:1000" }, "stack/host", CancellationToken.None);
        }
        finally
        {
            Directory.Delete(layer, recursive: true);
        }
        _network = await TestNetwork.CreateAsync(_paths, "ps");
        _runtime = new ContainerRuntime(_paths, images, new ContainerRuntimeOptions { UserNamespace = userns }, TimeProvider.System, _network.Network);
        _volumes = new AppVolumeDirectories(_paths, _runtime, images);
        _op = new StateOperation(db.State);
    }

    [Fact]
    public async Task AFileWrittenThroughTheMount_IsReadByTheNextContainersOfTheApp_ButNotByAnotherApp()
    {
        var storage = new StorageOperations(_op, _volumes);
        var appStorage = new AppStorage(_volumes);
        var (owner, other) = (await CreateAppAsync(), await CreateAppAsync());
        await storage.MountAsync(Admin, owner.Name, "data:/srv/data", CancellationToken.None);
        await storage.MountAsync(Admin, other.Name, "data:/srv/data", CancellationToken.None);
        var mounts = await _op.ReadAsync(s => s.Storage.ListAsync(owner.Id, CancellationToken.None), CancellationToken.None);
        try
        {
            // A one-off (the release command, `run`) writes; its volume dir is the app user's, seen from the host.
            var oneOff = new OneOffRunner(_runtime, appStorage);
            await oneOff.RunAsync(owner, Release(owner), "the writer", ["/bin/sh", "-c", "id -u > /srv/data/note && echo kept >> /srv/data/note"],
                "release", 5000, [], mounts, new RecordingOutput(), CancellationToken.None);
            var dir = _volumes.DirectoryOf(owner.Id, "data");
            Assert.Equal($"{_runtime.ToHostIds(1000, 1000).Uid}:{_runtime.ToHostIds(1000, 1000).Gid} 700", await StatAsync(dir));

            // The next instance of the app reads it: InstanceSpecs carries the volumes.
            var volumes = await appStorage.VolumesAsync(owner.Id, Image, mounts, CancellationToken.None);
            var instance = InstanceSpecs.For(owner, Release(owner), "web", 1, 1, 5000, ResourceLimits.Defaults, volumes) with
{ Command = ["/bin/sh", "-c", "cat /srv/data/note"] };
            Assert.Equal(["1000", "kept"], await RunAsync(instance));

            // predeploy reads the app's mounts from the state and binds them too.
            var predeployOutput = new RecordingOutput();
            await new Predeploy(_runtime, _op, appStorage).RunAsync(owner, (await _images.FindAsync(Image, CancellationToken.None))!,
                new SourceTree("/nonexistent", "abc", new Dictionary<string, string> { [SourceTree.AppJson] = """{"scripts":{"dokku":{"predeploy":"cat /srv/data/note"}}}""" }),
                new Dictionary<string, string>(), predeployOutput, CancellationToken.None);
            Assert.Contains(predeployOutput.Lines, l => l.EndsWith("kept", StringComparison.Ordinal));

            // Another app's volume of the same name is its own, empty directory.
            var otherMounts = await _op.ReadAsync(s => s.Storage.ListAsync(other.Id, CancellationToken.None), CancellationToken.None);
            var otherVolumes = await appStorage.VolumesAsync(other.Id, Image, otherMounts, CancellationToken.None);
            Assert.NotEqual(dir, Assert.Single(otherVolumes).Source);
            var peek = InstanceSpecs.OneOff(other, Release(other), ["/bin/sh", "-c", "ls -A /srv/data; echo end"], "run", "run.1", 5000,
                ResourceLimits.Defaults, otherVolumes);
            Assert.Equal(["end"], await RunAsync(peek));
        }
        finally
        {
            await _volumes.DeleteAppAsync(owner.Id, CancellationToken.None);
            await _volumes.DeleteAppAsync(other.Id, CancellationToken.None);
        }
        Assert.False(Directory.Exists(Path.GetDirectoryName(_volumes.DirectoryOf(owner.Id, "data"))));
    }

    private async Task<App> CreateAppAsync()
    {
        var name = "st-" + Guid.NewGuid().ToString("N")[..12];
        await db.CreateAppAsync(name);
        return (await _op.ReadAsync(s => s.Apps.FindAsync(name, CancellationToken.None), CancellationToken.None))!;
    }

    private static Release Release(App app) =>
        new(1, app.Id, 1, Image, new Dictionary<string, string>(), new Dictionary<string, string> { ["web"] = "true" }, "test", "test", DateTimeOffset.UtcNow);

    private async Task<IReadOnlyList<string>> RunAsync(ContainerSpec spec)
    {
        var output = new Lines();
        var exit = await _runtime.RunAttachedAsync(spec, output, TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.True(exit.ExitCode == 0, $"exit {exit.ExitCode}: {string.Join('\n', output.All)}");
        return output.All;
    }

    private static async Task<string> StatAsync(string path)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("stat") { RedirectStandardOutput = true };
        foreach (var arg in new[] { "-c", "%u:%g %a", path }) psi.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(psi)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text.Trim();
    }

    public async Task DisposeAsync()
    {
        if (_network is not null) await _network.DisposeAsync();
        MountsBelow.Unmount(_paths.Root);
        Directory.Delete(_paths.Root, recursive: true);
    }

    private sealed class Lines : IContainerOutput
    {
        public List<string> All { get; } = [];

        public ValueTask WriteLineAsync(LogStream stream, string line, CancellationToken ct)
        {
            lock (All) All.Add(line);
            return ValueTask.CompletedTask;
        }
    }
}
