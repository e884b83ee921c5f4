using Paas.Core.Containers;
using Paas.Core.Limits;
using Paas.Core.Networking;
using Paas.Core.Stacks;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;
using Paas.Runtime.Stacks;
using Paas.Runtime.UserNamespaces;
using Paas.Testing;

namespace Paas.Runtime.Tests.Support;

/// <summary>
/// A fresh runtime root with the real image store and the `host` stack (read-only binds of the
/// host's /usr), shared by the container tests of one collection. Disposal removes every
/// container, mount, cgroup and file it made, even after failures.
/// </summary>
public sealed class ContainerHost : IAsyncLifetime
{
    public const string HostStack = "stack/host";

    public RuntimePaths Paths { get; } = new(Directory.CreateTempSubdirectory("paas-ctr-test-").FullName);

    /// <summary>Every container here runs in it, as under paasd.</summary>
    public UserNamespaceMapping UserNamespace { get; } = TestUserNamespace.Mapping;
    public OciImageStore Images { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(Environment.UserName == "root", "container tests mount overlays and create cgroups: run them as root");
        foreach (var tool in new[] { "/usr/bin/conmon", "/usr/bin/tini-static" })
            Assert.True(File.Exists(tool), $"{tool} missing: apt-get install conmon tini (tests/run.sh does)");
        Assert.True(File.Exists("/usr/sbin/runc") || File.Exists("/usr/bin/runc"), "runc missing: apt-get install runc");

        Images = new OciImageStore(Paths, TimeProvider.System, userNamespace: UserNamespace);
        var stacks = new StackStore(Paths, Images);
        await stacks.CreateAsync("host", StackSource.Host, CancellationToken.None);
    }

    /// <summary>With <paramref name="prelaunchMonitor"/> (as paasd runs it) the caller must dispose the runtime.</summary>
    public ContainerRuntime Runtime(IContainerNetwork? network = null, bool prelaunchMonitor = false) =>
        new(Paths, Images, new ContainerRuntimeOptions { AllowedVolumeRoots = [AllowedDir], PrelaunchMonitor = prelaunchMonitor, UserNamespace = UserNamespace },
            TimeProvider.System, network);

    /// <summary>An extra host dir volumes may come from (besides $ROOT/volumes).</summary>
    public string AllowedDir => Directory.CreateDirectory(Path.Combine(Paths.Root, "allowed")).FullName;

    /// <summary>The app id of <see cref="Spec"/>'s containers (their logs go to its dir).</summary>
    public const long DemoAppId = 1;

    /// <summary>A fresh app id, for a test that keeps its own log history.</summary>
    public static long NewAppId() => Random.Shared.NextInt64(1_000_000, long.MaxValue);

    public static ContainerSpec Spec(params string[] command) => new(
        HostStack, command, new Dictionary<string, string>(), WorkingDir: null, User: "app", Hostname: "demo.web.1",
        new Dictionary<string, string> { [ContainerLabels.App] = "demo", [ContainerLabels.AppId] = "1", [ContainerLabels.ProcessType] = "web" },
        ResourceLimits.Defaults, [], NetworkMode.None, []);

    public Task DisposeAsync()
    {
        HostRootCleanup.Remove(Paths.Root);
        return Task.CompletedTask;
    }
}
