namespace Paas.Proxy.Tests.Support;

/// <summary>
/// A steady stream of requests from a few concurrent clients until stopped, counting every
/// answer by backend and every failure with its reason: a switch that loses one shows here.
/// </summary>
public sealed class RequestLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly Dictionary<string, int> _byBackend = [];
    private readonly List<string> _failures = [];

    public RequestLoop(RouterClient client, string url, int concurrency = 4)
    {
        _workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => RunAsync(client, url))).ToArray();
    }

    public int Total
    {
        get
        {
            lock (_byBackend) return _byBackend.Values.Sum();
        }
    }

    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_byBackend) return _failures.ToList();
        }
    }

    public int CountFor(string backend)
    {
        lock (_byBackend) return _byBackend.GetValueOrDefault(backend);
    }

    /// <summary>Waits until at least <paramref name="more"/> further requests were answered.</summary>
    public async Task WaitForMoreAsync(int more)
    {
        var target = Total + more;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Total < target && DateTime.UtcNow < deadline) await Task.Delay(10);
    }

    public async Task StopAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(RouterClient client, string url)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await client.Http.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                lock (_byBackend)
                {
                    if (response.IsSuccessStatusCode)
                    {
                        var backend = TestBackend.Parse(body).Backend;
                        _byBackend[backend] = _byBackend.GetValueOrDefault(backend) + 1;
                    }
                    else _failures.Add($"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
                }
            }
            catch (HttpRequestException e)
            {
                lock (_byBackend) _failures.Add(e.Message);
            }
        }
    }
}
