using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Git;

/// <summary>
/// `paas hook pre-receive`: what the pre-receive hook paasd writes execs, inside a push paasd serves.
/// Hands git's input lines, the push's token and git's quarantine dir to paasd on its unix socket,
/// prints paasd's output lines as they come (git shows them to the pusher as `remote:` lines) and
/// exits with paasd's verdict: 0 lets git update the refs. Anything that breaks on the way is a 1:
/// a push is never accepted by accident.
/// </summary>
public sealed class HookCommand : Command
{
    public const string PreReceive = "pre-receive";

    private readonly CliContext _cli;
    private readonly Argument<string> _hook = new("HOOK") { Description = "The git hook being run: pre-receive" };

    public HookCommand(CliContext cli) : base("hook", "Run a git hook of a push paasd serves (paasd's hooks call this)")
    {
        _cli = cli;
        Hidden = true;
        _hook.AcceptOnlyFromAmong(PreReceive);
        Arguments.Add(_hook);
        SetAction(RunAsync);
    }

    private TextWriter Out => _cli.Console.Out;

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        try
        {
            var request = new PreReceiveRequest(
                _cli.Environment("PAAS_PUSH_TOKEN") is { Length: > 0 } token
                    ? token
                    : throw new CliException("PAAS_PUSH_TOKEN is not set: `paas hook pre-receive` runs only inside a push that paasd serves"),
                _cli.Environment("GIT_QUARANTINE_PATH") is { Length: > 0 } quarantine ? quarantine : null,
                await ReadUpdatesAsync(_cli.Console.In, ct));
            var socket = _cli.Environment("PAAS_SOCKET") is { Length: > 0 } path ? path : PaasEndpoint.DefaultSocket;
            using var api = new PaasApi(new PaasEndpoint(socket, null, null));
            int? exit = null;
            await api.PostStreamLinesAsync(ApiRoutes.PreReceive, request, Timeout.InfiniteTimeSpan, async json =>
            {
                if (json.Length == 0) return;
                var message = PaasApi.Read<HookMessage>(json);
                if (message.Line is { } line)
                {
                    await Out.WriteAsync(line + "\n");
                    await Out.FlushAsync(ct);
                }
                if (message.Exit is { } code) exit = code;
            }, ct);
            return exit ?? throw new CliException("paasd ended the push's answer without a verdict: the push is rejected");
        }
        catch (CliException e)
        {
            _cli.Console.Error.ErrorLine(e.Message);
            return ExitCodes.Error;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _cli.Console.Error.ErrorLine("interrupted: the push is rejected");
            return ExitCodes.Error;
        }
        finally
        {
            await Out.FlushAsync(CancellationToken.None);
        }
    }

    /// <summary>git writes one `OLD NEW REF` line per ref the push updates.</summary>
    private static async Task<List<RefUpdateLine>> ReadUpdatesAsync(TextReader input, CancellationToken ct)
    {
        var updates = new List<RefUpdateLine>();
        while (await input.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0) continue;
            var parts = line.Split(' ');
            if (parts.Length != 3)
                throw new CliException($"git's hook input line '{line}' is not OLD NEW REF");
            updates.Add(new RefUpdateLine(parts[0], parts[1], parts[2]));
        }
        return updates;
    }
}
