using System.Diagnostics;
using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// A constant stream of GET / through the router from a few concurrent clients, counted: every
/// answer that is not a 200 from the app, and every connection error, is a lost request. Runs
/// until disposed or stopped.
/// </summary>
public sealed class RequestStream : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clients = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly List<string> _failures = [];
    private readonly Dictionary<string, int> _bodies = [];
    private long _ok;

    public RequestStream(PaasdFixture paasd, string app, int clients = 4)
    {
        for (var i = 0; i < clients; i++)
        {
            var client = paasd.RouterClient(app);
            _clients.Add(Task.Run(() => LoopAsync(client)));
        }
    }

    public long Succeeded => Interlocked.Read(ref _ok);

    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_lock) return _failures.ToList();
        }
    }

    /// <summary>How often each body came back (the app answers with its version and dyno).</summary>
    public IReadOnlyDictionary<string, int> Bodies
    {
        get
        {
            lock (_lock) return new Dictionary<string, int>(_bodies);
        }
    }

    public double RequestsPerSecond => Succeeded / _clock.Elapsed.TotalSeconds;

    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
        await Task.WhenAll(_clients);
        _clock.Stop();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync(HttpClient client)
    {
        using (client)
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync("/", _stop.Token);
                    var body = (await response.Content.ReadAsStringAsync(_stop.Token)).Trim();
                    lock (_lock)
                    {
                        if ((int)response.StatusCode == 200 && body.StartsWith("version=", StringComparison.Ordinal))
                        {
                            _ok++;
                            _bodies[body] = _bodies.GetValueOrDefault(body) + 1;
                        }
                        else
                        {
                            _failures.Add($"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
                        }
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    lock (_lock) _failures.Add(e.GetType().Name + ": " + e.Message);
                }
            }
        }
    }
}
