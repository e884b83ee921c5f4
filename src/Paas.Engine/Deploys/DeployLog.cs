using System.Diagnostics;
using System.Text;
using Paas.Core.Builds;
using Paas.Core.Deploys;
using Paas.Engine.Operations;

namespace Paas.Engine.Deploys;

/// <summary>
/// A deploy's output: every line goes to the caller (the pusher, the CLI) as it happens and is kept
/// for the deployment row, which each phase change moves forward in a short transaction of its own.
/// A caller who went away does not stop the deploy.
/// </summary>
public sealed class DeployLog(StateOperation op, long deploymentId, IBuildOutput? caller) : IBuildOutput
{
    private readonly StringBuilder _pending = new();
    private readonly Lock _lock = new();
    private readonly Stopwatch _phaseClock = Stopwatch.StartNew();
    private string? _phase;
    private bool _callerGone;

    public async ValueTask WriteLineAsync(string line, CancellationToken ct)
    {
        lock (_lock) _pending.Append(line).Append('\n');
        if (caller is null || _callerGone) return;
        try
        {
            await caller.WriteLineAsync(line, ct);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            _callerGone = true;
        }
    }

    public Task EnterAsync(string phase, CancellationToken ct)
    {
        var (finished, log) = Take();
        _phase = phase;
        return op.RunAsync(async s => { await s.Deployments.AdvanceAsync(deploymentId, phase, finished, log, ct); return 0; }, ct);
    }

    public Task FinishAsync(DeploymentStatus status, string? error)
    {
        var (finished, log) = Take();
        return op.RunAsync(async s => { await s.Deployments.FinishAsync(deploymentId, status, finished, log, error, CancellationToken.None); return 0; },
            CancellationToken.None);
    }

    private (DeploymentPhase? Finished, string Log) Take()
    {
        var finished = _phase is null ? null : new DeploymentPhase(_phase, Math.Round(_phaseClock.Elapsed.TotalSeconds, 3));
        _phaseClock.Restart();
        lock (_lock)
        {
            var log = _pending.ToString();
            _pending.Clear();
            return (finished, log);
        }
    }
}
