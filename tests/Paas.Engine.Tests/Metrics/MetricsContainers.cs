using Paas.Core.Containers;
using Paas.Core.Limits;
using Paas.Core.Networking;
using Paas.Core.Stacks;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;
using Paas.Runtime.Stacks;
using Paas.Testing;

namespace Paas.Engine.Tests.Metrics;

/// <summary>A private runtime root with the `host` stack and real containers on it; everything is removed on dispose.</summary>
public sealed class MetricsContainers : IAsyncLifetime
{
    private readonly List<string> _ids = [];

    public RuntimePaths Paths { get; } = new(Directory.CreateTempSubdirectory("paas-metrics-test-").FullName);
    public ContainerRuntime Runtime { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(Environment.UserName == "root", "these tests run containers: run them as root");
        var userns = TestUserNamespace.Mapping;
        var images = new OciImageStore(Paths, TimeProvider.System, userNamespace: userns);
        await new StackStore(Paths, images).CreateAsync("host", StackSource.Host, CancellationToken.None);
        Runtime = new ContainerRuntime(Paths, images, new ContainerRuntimeOptions { UserNamespace = userns }, TimeProvider.System);
    }

    /// <summary>Starts <c>/bin/sh -c script</c> as user app with the default limits and returns it running.</summary>
    public async Task<ContainerInfo> StartAsync(string script)
    {
        var spec = new ContainerSpec("stack/host", ["/bin/sh", "-c", script], new Dictionary<string, string>(), WorkingDir: null, User: "app",
            Hostname: "metrics.web.1", new Dictionary<string, string>(), ResourceLimits.Defaults, [], NetworkMode.None, []);
        var created = await Runtime.CreateAsync(spec, CancellationToken.None);
        lock (_ids) _ids.Add(created.Id);
        return await Runtime.StartAsync(created.Id, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var id in _ids)
        {
            try { await Runtime.DeleteAsync(id, CancellationToken.None); }
            catch (ContainerException) { }
        }
        Runtime.Dispose();
        MountsBelow.Unmount(Paths.Root);
        Directory.Delete(Paths.Root, recursive: true);
    }
}
