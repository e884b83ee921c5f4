namespace Paas.Dashboard.Live;

/// <summary>
/// Runs a refresh on the component's renderer every <c>interval</c> until disposed: for figures that
/// change without a state change to announce them (a container's CPU and memory). A refresh that throws
/// is skipped; the next tick tries again.
/// </summary>
public sealed class PeriodicRefresh : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public PeriodicRefresh(TimeSpan interval, Func<Func<Task>, Task> invokeOnRenderer, Func<Task> refresh) =>
        _ = RunAsync(interval, invokeOnRenderer, refresh, _stop.Token);

    private static async Task RunAsync(TimeSpan interval, Func<Func<Task>, Task> invokeOnRenderer, Func<Task> refresh, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await invokeOnRenderer(refresh);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The page shows the last figures it read; a renderer gone (circuit closed) ends with the disposal.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
