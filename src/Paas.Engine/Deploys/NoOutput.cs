using Paas.Core.Builds;

namespace Paas.Engine.Deploys;

/// <summary>Output nobody reads: checks the scheduler runs on its own (a restart, a scale) report through its log instead.</summary>
public sealed class NoOutput : IBuildOutput
{
    public static NoOutput Instance { get; } = new();

    public ValueTask WriteLineAsync(string line, CancellationToken ct) => ValueTask.CompletedTask;
}
