namespace Paas.Dashboard.Live;

/// <summary>
/// Turns a burst of state changes (a deploy writes one row per container) into one reload: the first
/// change schedules a reload after <see cref="Delay"/>; changes until then ride along with it.
/// </summary>
public sealed class ReloadCoalescer(Func<Func<Task>, Task> invokeOnRenderer, Func<Task> reload)
{
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(300);

    private int _pending;

    public void Request()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1) return;
        _ = invokeOnRenderer(async () =>
        {
            await Task.Delay(Delay);
            Interlocked.Exchange(ref _pending, 0);
            await reload();
        });
    }
}
