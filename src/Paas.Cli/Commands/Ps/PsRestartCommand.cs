using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Ps;

public sealed class PsRestartCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();

    public PsRestartCommand(CliContext cli) : base(cli, "ps:restart", "Restart an app's processes with zero downtime (new containers, checks, switch, old ones retire)")
    {
        Arguments.Add(_app);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var result = await Api.PostAsync<object?, DeployResult>(ApiRoutes.ProcessesRestart(app), null, DeployTimeouts.Deploy, ct);
        Out.Step($"Restarted {app}: v{result.Release} serves (deploy {result.Deployment})");
    }
}
