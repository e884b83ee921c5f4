using Paas.Core.Builds;
using Paas.Core.Containers;

namespace Paas.Builds.Output;

/// <summary>The build container's stdout and stderr lines, as they come, into the build's output (stderr unmarked, as Dokku shows it).</summary>
internal sealed class ContainerToBuildOutput(IBuildOutput output) : IContainerOutput
{
    public ValueTask WriteLineAsync(LogStream stream, string line, CancellationToken ct) => output.WriteLineAsync(line, ct);
}
