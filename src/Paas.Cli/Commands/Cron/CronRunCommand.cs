using System.CommandLine;
using Paas.Cli.Commands.Run;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Cron;

public sealed class CronRunCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string> _id = new("ID") { Description = "The cron entry, as `paas cron:list APP` numbers it" };

    public CronRunCommand(CliContext cli) : base(cli, "cron:run", "Run an app's cron entry now, in a one-off container, with its output here")
    {
        Arguments.Add(_app);
        Arguments.Add(_id);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var exit = await StreamedCommand.RunAsync(Api, Out, Error, ApiRoutes.CronRun(app, parse.GetRequiredValue(_id)), new { }, ct);
        if (exit != 0) throw new CliException($"the cron command exited with {exit}", exit);
    }
}
