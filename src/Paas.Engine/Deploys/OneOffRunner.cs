using Paas.Core.Apps;
using Paas.Core.Builds;
using Paas.Core.Containers;
using Paas.Core.Deploys;
using Paas.Core.Formation;
using Paas.Core.Releases;
using Paas.Core.Storage;
using Paas.Engine.Storage;

namespace Paas.Engine.Deploys;

/// <summary>
/// A command of the deploy in a one-off container of the release (the <c>release</c> process type,
/// app.json's postdeploy): its output streams to the deploy's, a non-zero exit fails the deploy.
/// </summary>
public sealed class OneOffRunner(IContainerRuntime runtime, AppStorage storage)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    public async Task RunAsync(App app, Release release, string what, IReadOnlyList<string> command, string processType, int port,
        IReadOnlyList<ProcessLimits> limits, IReadOnlyList<StorageMount> mounts, IBuildOutput output, CancellationToken ct)
    {
        var volumes = await storage.VolumesAsync(app.Id, InstanceSpecs.ImageOf(app, release), mounts, ct);
        var spec = InstanceSpecs.OneOff(app, release, command, processType, processType + ".1", port, EffectiveLimits.For(limits, processType), volumes);
        ContainerInfo exit;
        try
        {
            exit = await runtime.RunAttachedAsync(spec, new DetailLines(output), Timeout, ct);
        }
        catch (TimeoutException)
        {
            throw new DeployFailedException($"{what} did not finish within {Timeout.TotalMinutes:0} minutes");
        }
        if (exit.ExitCode is not 0)
            throw new DeployFailedException(
                $"{what} failed (exit code {exit.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}{(exit.OomKilled ? ", out of memory" : "")})");
    }

    /// <summary>The container's stdout and stderr as detail lines of the deploy.</summary>
    private sealed class DetailLines(IBuildOutput output) : IContainerOutput
    {
        public ValueTask WriteLineAsync(LogStream stream, string line, CancellationToken ct) =>
            output.WriteLineAsync(BuildOutput.Detail(line), ct);
    }
}
