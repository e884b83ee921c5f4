using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paas.Proxy.Tests.Support;

/// <summary>
/// A backend on raw TCP that answers each request with the exact bytes a path asks for, lawful or
/// not, so tests can see what the router does with framings and breakages a real app server
/// would never produce. Keeps connections alive unless the answer says otherwise. Paths:
/// /close-delimited, /chunked, /head, /204, /304, /cookies, /keepalive-then-close (answers, then
/// closes the idle connection 50 ms later without saying so), /bad/NAME (see <see cref="Bad"/>);
/// anything else: 200 with the path as its body.
/// </summary>
public sealed class ScriptedBackend : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, string> Bad = new Dictionary<string, string>
    {
        ["cl-and-te"] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        ["two-lengths"] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
        ["obs-fold"] = "HTTP/1.1 200 OK\r\nX-Folded: a\r\n b\r\nContent-Length: 2\r\n\r\nok",
        ["status-line"] = "HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\nok",
        ["chunk-size"] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        ["space-before-colon"] = "HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nok",
        ["closed-silently"] = "",
    };

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private int _connections;
    private int _requests;

    private ScriptedBackend()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Request heads read so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static ScriptedBackend Start() => new();

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var client in _clients) client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            Interlocked.Increment(ref _connections);
            _clients.Add(client);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var pending = new StringBuilder();
            var buffer = new byte[8192];
            while (true)
            {
                int end;
                while ((end = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0) return;
                    pending.Append(Encoding.Latin1.GetString(buffer, 0, read));
                }
                var head = pending.ToString(0, end);
                pending.Remove(0, end + 4);
                Interlocked.Increment(ref _requests);
                var lines = head.Split("\r\n");
                var parts = lines[0].Split(' ');
                var (method, path) = (parts[0], parts[1]);
                // Read and drop a Content-Length body (the router re-frames bodies; chunked ones are not used here).
                var lengthLine = lines.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim());
                while (pending.Length < length)
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0) return;
                    pending.Append(Encoding.Latin1.GetString(buffer, 0, read));
                }
                pending.Remove(0, length);

                var (answer, close) = Answer(method, path);
                await stream.WriteAsync(Encoding.Latin1.GetBytes(answer), _stop.Token);
                if (path == "/keepalive-then-close")
                {
                    await Task.Delay(50, _stop.Token);
                    close = true;
                }
                if (close) return;
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested || true)
        {
            // a test's connection ended
        }
        finally
        {
            client.Dispose();
        }
    }

    private static (string Answer, bool Close) Answer(string method, string path)
    {
        if (path.StartsWith("/bad/", StringComparison.Ordinal)) return (Bad[path["/bad/".Length..]], true);
        return path switch
        {
            "/close-delimited" => ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the backend closes", true),
            "/chunked" => ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n", false),
            "/head" when method == "HEAD" => ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\n", false),
            "/204" => ("HTTP/1.1 204 No Content\r\nX-Seen: 204\r\n\r\n", false),
            "/304" => ("HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n", false),
            "/cookies" => ("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 2\r\n\r\nok", false),
            "/http10" => ("HTTP/1.0 200 OK\r\nContent-Length: 6\r\n\r\nhttp10", false),
            _ => ($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {Encoding.Latin1.GetByteCount(path)}\r\n\r\n{path}", false),
        };
    }
}
