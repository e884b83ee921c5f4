namespace Paas.Core.Builds;

/// <summary>
/// Where a build's output goes as it happens: to the pusher (git sideband), to the stored build
/// log and to `builds:output -f` followers. Lines carry their Dokku prefix (<see cref="BuildOutput"/>)
/// and no newline.
/// </summary>
public interface IBuildOutput
{
    ValueTask WriteLineAsync(string line, CancellationToken ct);
}
