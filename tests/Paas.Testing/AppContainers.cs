using System.Globalization;
using System.Net.Http.Json;
using Paas.Core.Apps;
using Paas.Core.Containers;
using Paas.Core.Contracts;
using Paas.Core.Limits;
using Paas.Core.Stacks;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;

namespace Paas.Testing;

/// <summary>
/// Real containers of an app under a paasd's PAAS_ROOT, started with the runtime library the way
/// the scheduler will (labeled with the app's name and id, looked up in paasd); every one is
/// deleted on dispose, whatever the test did.
/// </summary>
public sealed class AppContainers : IAsyncDisposable
{
    private readonly List<string> _ids = [];
    private readonly PaasdFixture _paasd;

    public AppContainers(PaasdFixture paasd, string image)
    {
        _paasd = paasd;
        var paths = new RuntimePaths(paasd.Root);
        // As paasd runs them: in the user namespace of /etc/subuid's paas range.
        var userns = TestUserNamespace.Mapping;
        Runtime = new ContainerRuntime(paths, new OciImageStore(paths, TimeProvider.System, userNamespace: userns),
            new ContainerRuntimeOptions { UserNamespace = userns }, TimeProvider.System, network: null);
        Image = image;
    }

    public ContainerRuntime Runtime { get; }
    public string Image { get; }

    /// <summary>
    /// Containers on a `host` stack of the given name, created through paasd's API unless an earlier
    /// test of the same paasd already did.
    /// </summary>
    public static async Task<AppContainers> OnHostStackAsync(PaasdFixture paasd, string stack)
    {
        using var client = paasd.SocketClient();
        using var response = await client.PostAsJsonAsync(ApiRoutes.Stacks, new CreateStackRequest(stack, "host"), ApiJson.Options);
        if (response.StatusCode is not (System.Net.HttpStatusCode.Created or System.Net.HttpStatusCode.Conflict))
            throw new InvalidOperationException($"stacks:create {stack} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return new AppContainers(paasd, Stack.ReferenceFor(stack));
    }

    /// <summary>Starts <c>/bin/sh -c script</c> as user app, labeled with the app, its id and the process type.</summary>
    public async Task<string> StartAsync(string app, string processType, string script)
    {
        var appId = await AppIdAsync(app);
        var spec = new ContainerSpec(Image, ["/bin/sh", "-c", script], new Dictionary<string, string>(), null, "app",
            $"{app}.{processType}.1",
            new Dictionary<string, string>
            {
                [ContainerLabels.App] = app,
                [ContainerLabels.AppId] = appId.ToString(CultureInfo.InvariantCulture),
                [ContainerLabels.ProcessType] = processType,
            },
            ResourceLimits.Defaults, [], NetworkMode.None, []);
        var created = await Runtime.CreateAsync(spec, CancellationToken.None);
        _ids.Add(created.Id);
        await Runtime.StartAsync(created.Id, CancellationToken.None);
        return created.Id;
    }

    public async Task<ContainerInfo> RunToEndAsync(string app, string processType, string script, TimeSpan? timeout = null)
    {
        var id = await StartAsync(app, processType, script);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var info = await Runtime.FindAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"container {id} vanished");
            if (info.Status == ContainerStatus.Stopped) return info;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"container {id} did not stop");
            await Task.Delay(20);
        }
    }

    /// <summary>The id paasd gave the app (what its containers' logs are kept under).</summary>
    public async Task<long> AppIdAsync(string app)
    {
        using var client = _paasd.SocketClient();
        var apps = await client.GetFromJsonAsync<List<App>>(ApiRoutes.Apps, ApiJson.Options)
            ?? throw new InvalidOperationException("paasd listed no apps");
        return apps.SingleOrDefault(a => a.Name == app)?.Id ?? throw new InvalidOperationException($"paasd has no app '{app}'");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _ids)
        {
            try { await Runtime.DeleteAsync(id, CancellationToken.None); }
            catch (ContainerNotFoundException) { }
        }
    }
}
