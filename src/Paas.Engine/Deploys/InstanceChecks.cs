using System.Net.Sockets;
using Paas.Core.Builds;
using Paas.Core.Containers;
using Paas.Core.Deploys;
using Paas.Core.Formation;

namespace Paas.Engine.Deploys;

/// <summary>
/// Whether a freshly started instance may take traffic. With no checks configured (Dokku's
/// default): a web process must listen on $PORT, and any process must still be up after
/// <see cref="DefaultWait"/> — web processes pass as soon as they listen, since answering is the
/// stronger sign.
/// </summary>
public sealed class InstanceChecks(IContainerRuntime runtime, TimeProvider time)
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ListenTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    public async Task CheckAsync(Instance instance, ContainerInfo container, int port, IBuildOutput output, CancellationToken ct)
    {
        if (instance.ProcessType == ProcessType.Web)
            await WaitListeningAsync(instance, container, port, output, ct);
        else
            await WaitUptimeAsync(instance, container, DefaultWait, output, ct);
    }

    private async Task WaitListeningAsync(Instance instance, ContainerInfo container, int port, IBuildOutput output, CancellationToken ct)
    {
        if (container.IpAddress is not { } address)
            throw new DeployFailedException($"{instance.Dyno} has no network address: it cannot take traffic");
        var deadline = time.GetUtcNow() + ListenTimeout;
        while (true)
        {
            if (await ConnectsAsync(address, port, ct))
            {
                await output.WriteLineAsync(BuildOutput.Detail($"{instance.Dyno}: listening on port {port}"), ct);
                return;
            }
            await EnsureRunningAsync(instance, container.Id, ct);
            if (time.GetUtcNow() > deadline)
                throw new DeployFailedException(
                    $"{instance.Dyno} did not listen on port {port} within {ListenTimeout.TotalSeconds:0} s: a web process must listen on $PORT");
            await Task.Delay(ProbeInterval, time, ct);
        }
    }

    private async Task WaitUptimeAsync(Instance instance, ContainerInfo container, TimeSpan wait, IBuildOutput output, CancellationToken ct)
    {
        var exited = await runtime.WaitForExitAsync(container.Id, wait, ct);
        if (exited.Status != ContainerStatus.Running)
            throw new DeployFailedException(ExitedMessage(instance, exited));
        await output.WriteLineAsync(BuildOutput.Detail($"{instance.Dyno}: up for {wait.TotalSeconds:0} s"), ct);
    }

    private async Task EnsureRunningAsync(Instance instance, string containerId, CancellationToken ct)
    {
        var now = await runtime.FindAsync(containerId, ct);
        if (now is null || now.Status != ContainerStatus.Running)
            throw new DeployFailedException(now is null ? $"{instance.Dyno} vanished while it was checked" : ExitedMessage(instance, now));
    }

    public static string ExitedMessage(Instance instance, ContainerInfo exited) =>
        $"{instance.Dyno} exited (code {exited.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}" +
        $"{(exited.OomKilled ? ", out of memory" : "")}) before it passed its checks: see `paas logs {exited.Spec.Labels.GetValueOrDefault(ContainerLabels.App)} -p {instance.ProcessType}`";

    private static async Task<bool> ConnectsAsync(string address, int port, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await socket.ConnectAsync(System.Net.IPAddress.Parse(address), port, attempt.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
