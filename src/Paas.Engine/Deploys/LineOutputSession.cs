using System.Text;
using Paas.Core.Containers;

namespace Paas.Engine.Deploys;

/// <summary>
/// An <see cref="IInteractiveSession"/> for a command that gets no input and whose output goes on as
/// lines (`enter APP web.1 CMD` without stdin): its stdin closes at once, and each stream's bytes are
/// decoded as UTF-8 and passed to <paramref name="output"/> line by line as they come. So a plain
/// `enter` runs under conmon like an interactive one, and dies with paasd like it.
/// </summary>
internal sealed class LineOutputSession(IContainerOutput output) : IInteractiveSession
{
    private readonly Pending _stdout = new();
    private readonly Pending _stderr = new();

    public bool Terminal => false;

    public TerminalSize? InitialSize => null;

    public ValueTask<SessionInput?> ReadAsync(CancellationToken ct) => ValueTask.FromResult<SessionInput?>(null);

    public async ValueTask WriteAsync(LogStream stream, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var pending = stream == LogStream.Stderr ? _stderr : _stdout;
        foreach (var line in pending.Add(data.Span)) await output.WriteLineAsync(stream, line, ct);
    }

    /// <summary>The last line of each stream when it did not end with a newline.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_stdout.Rest() is { } stdout) await output.WriteLineAsync(LogStream.Stdout, stdout, ct);
        if (_stderr.Rest() is { } stderr) await output.WriteLineAsync(LogStream.Stderr, stderr, ct);
    }

    private sealed class Pending
    {
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
        private readonly StringBuilder _text = new();

        public List<string> Add(ReadOnlySpan<byte> bytes)
        {
            var chars = new char[_decoder.GetCharCount(bytes, flush: false)];
            _decoder.GetChars(bytes, chars, flush: false);
            _text.Append(chars);
            var lines = new List<string>();
            var all = _text.ToString();
            var start = 0;
            for (var newline = all.IndexOf('\n'); newline >= 0; newline = all.IndexOf('\n', start))
            {
                lines.Add(all[start..newline]);
                start = newline + 1;
            }
            _text.Remove(0, start);
            return lines;
        }

        public string? Rest()
        {
            var chars = new char[_decoder.GetCharCount([], flush: true)];
            _decoder.GetChars([], chars, flush: true);
            _text.Append(chars);
            return _text.Length == 0 ? null : _text.ToString();
        }
    }
}
