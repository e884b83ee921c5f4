using System.CommandLine;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Ps;

public sealed class PsRebuildCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();

    public PsRebuildCommand(CliContext cli) : base(cli, "ps:rebuild", "Build the commit of the current release again (new buildpacks, config) and release it")
    {
        Arguments.Add(_app);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        int? exit = null;
        // No deadline: the build's own timeout bounds it; Ctrl-C cancels the build.
        await Api.StreamLinesAsync(HttpMethod.Post, ApiRoutes.Rebuild(parse.GetRequiredValue(_app)), Timeout.InfiniteTimeSpan, async json =>
        {
            if (json.Length == 0) return;
            var message = PaasApi.Read<HookMessage>(json);
            if (message.Line is not null)
            {
                await Out.WriteAsync(message.Line + "\n");
                await Out.FlushAsync();
            }
            exit = message.Exit ?? exit;
        }, ct);
        if (exit is null)
            throw new CliException("the connection to paasd ended before the build did: `paas builds APP` shows how it ended");
        if (exit != 0)
            throw new CliException("the build did not succeed (its output above says why)");
    }
}
