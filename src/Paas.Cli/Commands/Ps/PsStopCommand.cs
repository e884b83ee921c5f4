using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Ps;

public sealed class PsStopCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();

    public PsStopCommand(CliContext cli) : base(cli, "ps:stop", "Stop all of an app's processes (they stay stopped through config changes and rollbacks, until ps:start or the next push)")
    {
        Arguments.Add(_app);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        await Api.PostAsync<ProcessReport>(ApiRoutes.ProcessesStop(app), ct);
        Out.Step($"Stopping {app}: its containers retire; ps:start brings them back");
    }
}
