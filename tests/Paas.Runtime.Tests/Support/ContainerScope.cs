using Paas.Core.Containers;
using Paas.Runtime.Containers;

namespace Paas.Runtime.Tests.Support;

/// <summary>One test's containers: deleted at dispose whatever happened in the test.</summary>
public sealed class ContainerScope(ContainerRuntime runtime) : IAsyncDisposable
{
    private readonly List<string> _ids = [];

    public ContainerRuntime Runtime { get; } = runtime;

    public async Task<ContainerInfo> CreateAsync(ContainerSpec spec)
    {
        var info = await Runtime.CreateAsync(spec, CancellationToken.None);
        _ids.Add(info.Id);
        return info;
    }

    public async Task<ContainerInfo> RunAsync(ContainerSpec spec)
    {
        var info = await CreateAsync(spec);
        return await Runtime.StartAsync(info.Id, CancellationToken.None);
    }

    /// <summary>Polls until the container stopped; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<ContainerInfo> WaitStoppedAsync(string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var info = await Runtime.FindAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"{id} vanished");
            if (info.Status == ContainerStatus.Stopped) return info;
            Assert.True(DateTime.UtcNow < deadline, $"container {id} still {info.Status} after {timeout.TotalSeconds} s");
            await Task.Delay(20);
        }
    }

    public async Task<string> ExecAsync(string id, params string[] command)
    {
        var result = await Runtime.ExecAsync(id, command, null, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"exec {string.Join(' ', command)} exited {result.ExitCode}: {result.Stderr}");
        return result.Stdout;
    }

    /// <summary>A host command, to show the host is unaffected by what a container does.</summary>
    public async Task<string> ExecAsyncOnHost(string file, params string[] args)
    {
        var result = await Paas.Runtime.Oci.ProcessRunner.RunAsync(file, args, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"{file} failed on the host: {result.Stderr}");
        return result.Stdout;
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
