using Paas.Core.Builds;

namespace Paas.Engine.Builds;

/// <summary>
/// A build's output as it happens: to the pusher (when there is one), into the stored log, and a
/// wake-up for `builds:output -f` followers. The log is written first: what the pusher saw is
/// always in the log, even when the pusher's connection breaks on that line.
/// </summary>
public sealed class BuildOutputTee(IBuildLogWriter log, IBuildOutput? pusher, RunningBuild build) : IBuildOutput
{
    private readonly SemaphoreSlim _order = new(1, 1);
    private bool _pusherGone;

    public async ValueTask WriteLineAsync(string line, CancellationToken ct)
    {
        // Lines come from the container's stdout and stderr readers at once: keep each whole and in one order.
        await _order.WaitAsync(CancellationToken.None);
        try
        {
            await log.WriteLineAsync(line, CancellationToken.None);
            build.Written();
            if (pusher is not null && !_pusherGone)
                await WriteToPusherAsync(pusher, line, ct);
        }
        finally
        {
            _order.Release();
        }
    }

    private async Task WriteToPusherAsync(IBuildOutput to, string line, CancellationToken ct)
    {
        try
        {
            await to.WriteLineAsync(line, ct);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // A pusher who is gone cannot be told the outcome: the build stops, as on Ctrl-C.
            _pusherGone = true;
            build.Cancel("the pusher disconnected (Ctrl-C or a dropped connection)");
        }
    }
}
