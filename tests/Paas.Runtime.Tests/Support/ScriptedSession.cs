using System.Text;
using System.Threading.Channels;
using Paas.Core.Containers;

namespace Paas.Runtime.Tests.Support;

/// <summary>An interactive session a test types into and reads from, waiting for text as the process writes it.</summary>
public sealed class ScriptedSession(bool terminal, TerminalSize? size = null) : IInteractiveSession
{
    private readonly Channel<SessionInput?> _input = Channel.CreateUnbounded<SessionInput?>();
    private readonly Lock _lock = new();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];

    public bool Terminal => terminal;
    public TerminalSize? InitialSize => size;

    public string Stdout { get { lock (_lock) return _stdout.ToString(); } }
    public string Stderr { get { lock (_lock) return _stderr.ToString(); } }

    public void Type(string text) => _input.Writer.TryWrite(new SessionInput.Stdin(Encoding.UTF8.GetBytes(text)));
    public void Resize(int columns, int rows) => _input.Writer.TryWrite(new SessionInput.Resize(new TerminalSize(columns, rows)));
    public void EndInput() => _input.Writer.TryWrite(null);

    /// <summary>The session's input fails, as a WebSocket whose client vanished.</summary>
    public void Break() => _input.Writer.TryComplete(new IOException("the client went away"));

    public async ValueTask<SessionInput?> ReadAsync(CancellationToken ct)
    {
        if (!await _input.Reader.WaitToReadAsync(ct)) return null;
        return await _input.Reader.ReadAsync(ct);
    }

    public ValueTask WriteAsync(LogStream stream, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        lock (_lock)
        {
            (stream == LogStream.Stdout ? _stdout : _stderr).Append(Encoding.UTF8.GetString(data.Span));
            var text = _stdout.ToString();
            foreach (var w in _waiters.Where(w => text.Contains(w.Text, StringComparison.Ordinal))) w.Seen.TrySetResult();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Completes when stdout holds <paramref name="text"/> (or already does); fails after 20 s with what came.</summary>
    public async Task SeenAsync(string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_stdout.ToString().Contains(text, StringComparison.Ordinal)) return;
            _waiters.Add((text, seen));
        }
        try { await seen.Task.WaitAsync(TimeSpan.FromSeconds(20)); }
        catch (TimeoutException) { Assert.Fail($"'{text}' never came; stdout so far: {Stdout}"); }
    }
}
