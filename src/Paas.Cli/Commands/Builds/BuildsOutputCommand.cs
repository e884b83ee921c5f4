using System.CommandLine;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Builds;

public sealed class BuildsOutputCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<long> _id = new("ID") { Description = "The build's id, as `paas builds APP` lists it" };
    private readonly Option<bool> _follow = new("--follow", "-f") { Description = "Keep printing the build's output as it runs, until it ends" };

    public BuildsOutputCommand(CliContext cli) : base(cli, "builds:output", "Print a build's output (as the pusher saw it)")
    {
        Arguments.Add(_app);
        Arguments.Add(_id);
        Options.Add(_follow);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var follow = parse.GetValue(_follow);
        await Api.StreamLinesAsync(ApiRoutes.BuildOutput(parse.GetRequiredValue(_app), parse.GetValue(_id), follow),
            follow ? Timeout.InfiniteTimeSpan : PaasApi.DefaultTimeout,
            async line =>
            {
                await Out.WriteAsync(line + "\n");
                if (follow) await Out.FlushAsync();
            }, ct);
    }
}
