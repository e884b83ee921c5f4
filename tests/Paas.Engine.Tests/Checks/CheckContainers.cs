using Paas.Core.Containers;
using Paas.Core.Limits;
using Paas.Core.Networking;
using Paas.Core.Stacks;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;
using Paas.Runtime.Stacks;
using Paas.Testing;

namespace Paas.Engine.Tests.Checks;

/// <summary>
/// A private runtime root with the `host` stack, for health-check tests that need a real running
/// container (its state, its end, exec into it). Containers have no network: the HTTP and TCP checks
/// are pointed at loopback servers instead. Everything made here is removed on dispose.
/// </summary>
public sealed class CheckContainers : IAsyncLifetime
{
    private const string HostStack = "stack/host";
    private readonly List<string> _ids = [];
    private readonly RuntimePaths _paths = new(Directory.CreateTempSubdirectory("paas-checks-test-").FullName);

    public ContainerRuntime Runtime { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(Environment.UserName == "root", "these tests run containers: run them as root");
        var userns = TestUserNamespace.Mapping;
        var images = new OciImageStore(_paths, TimeProvider.System, userNamespace: userns);
        await new StackStore(_paths, images).CreateAsync("host", StackSource.Host, CancellationToken.None);
        Runtime = new ContainerRuntime(_paths, images, new ContainerRuntimeOptions { UserNamespace = userns }, TimeProvider.System);
    }

    /// <summary>Starts <c>/bin/sh -c script</c> as user app and returns it running.</summary>
    public async Task<ContainerInfo> StartAsync(string script)
    {
        var spec = new ContainerSpec(HostStack, ["/bin/sh", "-c", script], new Dictionary<string, string>(), WorkingDir: null, User: "app",
            Hostname: "checks.web.1",
            new Dictionary<string, string> { [ContainerLabels.App] = "checks", [ContainerLabels.AppId] = "1", [ContainerLabels.ProcessType] = "web" },
            ResourceLimits.Defaults, [], NetworkMode.None, []);
        var created = await Runtime.CreateAsync(spec, CancellationToken.None);
        lock (_ids) _ids.Add(created.Id);
        return await Runtime.StartAsync(created.Id, CancellationToken.None);
    }

    public async Task<ContainerInfo> WaitStoppedAsync(string id)
    {
        var info = await Runtime.WaitForExitAsync(id, TimeSpan.FromSeconds(20), CancellationToken.None);
        Assert.Equal(ContainerStatus.Stopped, info.Status);
        return info;
    }

    public async Task DisposeAsync()
    {
        foreach (var id in _ids)
        {
            try { await Runtime.DeleteAsync(id, CancellationToken.None); }
            catch (ContainerException) { }
        }
        MountsBelow.Unmount(_paths.Root);
        Directory.Delete(_paths.Root, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class CheckContainersCollection : ICollectionFixture<CheckContainers>
{
    public const string Name = "check containers";
}
