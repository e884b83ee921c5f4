using Paas.Core.Auth;

namespace Paas.Engine.Git;

/// <summary>
/// A push in progress, as its pre-receive hook finds it by token: who pushes to which app, and the
/// transport's cancellation (the pusher's Ctrl-C or a dropped connection), which cancels its build.
/// </summary>
public sealed record Push(Actor Actor, long AppId, string AppName, CancellationToken Aborted)
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when git has exited: the push's ref updates are done or refused.</summary>
    public Task Ended => _ended.Task;

    internal void End() => _ended.TrySetResult();
}
