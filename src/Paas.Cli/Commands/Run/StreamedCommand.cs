using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Run;

/// <summary>Posts a run or enter request and copies the NDJSON lines it streams back to stdout and stderr; returns the command's exit code.</summary>
public static class StreamedCommand
{
    public static async Task<int> RunAsync<TBody>(PaasApi api, TextWriter stdout, TextWriter stderr, string path, TBody body, CancellationToken ct)
    {
        int? exit = null;
        // No deadline of our own: the command's ttl bounds it; Ctrl-C ends it.
        await api.PostStreamLinesAsync(path, body, Timeout.InfiniteTimeSpan, async json =>
        {
            if (json.Length == 0) return;
            var message = PaasApi.Read<HookMessage>(json);
            if (message.Line is not null)
            {
                var writer = message.Stream == "stderr" ? stderr : stdout;
                await writer.WriteAsync(message.Line + "\n");
                await writer.FlushAsync(ct);
            }
            exit = message.Exit ?? exit;
        }, ct);
        return exit ?? throw new CliException("the connection to paasd ended before the command did");
    }
}
