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
        OutputFrame? last = null;
        // No deadline: the build's own timeout bounds it; Ctrl-C cancels the build.
        await Api.StreamLinesAsync(HttpMethod.Post, ApiRoutes.Rebuild(parse.GetRequiredValue(_app)), Timeout.InfiniteTimeSpan, async json =>
        {
            if (json.Length == 0) return;
            var frame = PaasApi.Read<OutputFrame>(json);
            if (frame.Line is not null)
            {
                await Out.WriteAsync(frame.Line + "\n");
                await Out.FlushAsync();
            }
            if (frame.Exit is not null) last = frame;
        }, ct);
        if (last is null)
            throw new CliException("the connection to paasd ended before the build did: `paas builds APP` shows how it ended");
        if (last.Exit != 0)
            throw new CliException(last.Error ?? "the build failed");
    }
}
