using Paas.Core.Apps;
using Paas.Core.Containers;
using Paas.Core.Deploys;
using Paas.Core.Limits;
using Paas.Core.Releases;
using Paas.Core.Storage;
using Paas.Engine.Operations;
using Paas.Engine.Storage;

namespace Paas.Engine.Deploys;

/// <summary>
/// Starts the container of one instance row and records it there (container id, address, pid with
/// its start time and boot). A container that fails to start is deleted again; a crash between the
/// start and the record leaves a labelled container no row names, which the scheduler removes.
/// </summary>
public sealed class InstanceLauncher(IContainerRuntime runtime, StateOperation op, TimeProvider time, AppStorage storage)
{
    public async Task<ContainerInfo> StartAsync(App app, Release release, Instance instance, int port, ResourceLimits limits,
        IReadOnlyList<StorageMount> mounts, InstanceState recordedState, CancellationToken ct)
    {
        var volumes = await storage.VolumesAsync(app.Id, InstanceSpecs.ImageOf(app, release), mounts, ct);
        var spec = InstanceSpecs.For(app, release, instance.ProcessType, instance.Number, instance.Id, port, limits, volumes);
        var created = await runtime.CreateAsync(spec, ct);
        ContainerInfo started;
        try
        {
            started = await runtime.StartAsync(created.Id, ct);
        }
        catch
        {
            await DeleteQuietlyAsync(created.Id);
            throw;
        }
        var identity = started.Pid is { } pid ? ProcessIdentity.Of(pid) : null;
        await op.RunAsync(async s =>
        {
            await s.Instances.MarkStartedAsync(instance.Id, started.Id, started.IpAddress, started.Pid,
                identity is null ? null : (long)identity.StartTime, ProcessIdentity.CurrentBootId, recordedState,
                started.StartedAt ?? time.GetUtcNow(), CancellationToken.None);
            return 0;
        }, CancellationToken.None);
        return started;
    }

    /// <summary>Stops (SIGTERM, <paramref name="grace"/>, SIGKILL) and deletes; a container already gone is fine.</summary>
    public async Task StopAndDeleteAsync(string containerId, TimeSpan grace, CancellationToken ct)
    {
        try
        {
            await runtime.StopAsync(containerId, grace, ct);
        }
        catch (Exception e) when (e is ContainerNotFoundException or IOException)
        {
            // Gone already, or being removed by someone else (apps:destroy and the scheduler at once).
        }
        await DeleteQuietlyAsync(containerId);
    }

    private async Task DeleteQuietlyAsync(string containerId)
    {
        try
        {
            await runtime.DeleteAsync(containerId, CancellationToken.None);
        }
        catch (Exception e) when (e is ContainerNotFoundException or IOException)
        {
        }
    }
}
