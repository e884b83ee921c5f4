using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Paas.Core.State;

namespace Paas.Dashboard.Live;

/// <summary>
/// One LISTEN for the whole dashboard, fanned out to the open circuits: a deploy starting (containers
/// written), finishing (the app's serving release) or a container crashing reaches every page that shows
/// the app, without a reload. A resync (the listener reconnected) reaches every subscriber.
/// </summary>
public sealed partial class StateChangeFeed(IStateChanges changes, ILogger<StateChangeFeed> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private ImmutableSubscribers _subscribers = ImmutableSubscribers.Empty;

    /// <summary>Calls <paramref name="onChange"/> (on the listener's thread) for each change until the result is disposed.</summary>
    public IDisposable Subscribe(Action<StateChange> onChange)
    {
        lock (_gate) _subscribers = _subscribers.Add(onChange);
        return new Subscription(this, onChange);
    }

    /// <summary>Delivers one change to every subscriber; a failing subscriber does not stop the others.</summary>
    public void Publish(StateChange change)
    {
        foreach (var subscriber in _subscribers.Items)
        {
            try
            {
                subscriber(change);
            }
            catch (Exception e)
            {
                LogSubscriberFailed(logger, e);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in changes.ListenAsync(stoppingToken))
                Publish(change);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Unsubscribe(Action<StateChange> onChange)
    {
        lock (_gate) _subscribers = _subscribers.Remove(onChange);
    }

    private sealed class Subscription(StateChangeFeed feed, Action<StateChange> onChange) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(onChange);
    }

    /// <summary>Copied on write, so publishing reads a stable list without taking the lock.</summary>
    private sealed record ImmutableSubscribers(Action<StateChange>[] Items)
    {
        public static ImmutableSubscribers Empty { get; } = new([]);
        public ImmutableSubscribers Add(Action<StateChange> item) => new([.. Items, item]);
        public ImmutableSubscribers Remove(Action<StateChange> item) => new(Items.Where(i => i != item).ToArray());
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning, Message = "A dashboard page failed to take a state change")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);
}
