using Paas.Core.Auth;

namespace Paas.Engine.Git;

/// <summary>
/// A push in progress, as its pre-receive hook finds it by token: who pushes to which app, and the
/// transport's cancellation (the pusher's Ctrl-C or a dropped connection), which cancels its build.
/// </summary>
public sealed record Push(Actor Actor, long AppId, string AppName, CancellationToken Aborted);
