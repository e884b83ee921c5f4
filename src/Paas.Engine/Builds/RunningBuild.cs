namespace Paas.Engine.Builds;

/// <summary>
/// One build under way: its cancellation (the pusher's connection or `builds:cancel`, whichever
/// comes first, with the reason kept for the build record) and a signal for its followers.
/// </summary>
public sealed class RunningBuild : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly Lock _lock = new();
    private TaskCompletionSource _written = NewSignal();
    private volatile string? _cancelReason;

    public RunningBuild(long appId, long buildId, CancellationToken pusher)
    {
        AppId = appId;
        BuildId = buildId;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(pusher);
    }

    public long AppId { get; }
    public long BuildId { get; }
    public CancellationToken Token => _cancel.Token;

    /// <summary>Why it was cancelled: set by <see cref="Cancel"/>; a cancelled build without one lost its pusher.</summary>
    public string CancelReason => _cancelReason ?? "the pusher disconnected (Ctrl-C or a dropped connection)";

    public bool Finished { get; private set; }

    public void Cancel(string reason)
    {
        _cancelReason ??= reason;
        _cancel.Cancel();
    }

    /// <summary>Wakes the followers: a line was written.</summary>
    public void Written()
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            signal = _written;
            _written = NewSignal();
        }
        signal.TrySetResult();
    }

    /// <summary>Completes when the next line is written or the build finishes.</summary>
    public Task NextWriteAsync()
    {
        lock (_lock) return Finished ? Task.CompletedTask : _written.Task;
    }

    public void Finish()
    {
        lock (_lock) Finished = true;
        Written();
    }

    public void Dispose() => _cancel.Dispose();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
