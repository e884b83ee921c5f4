using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Ps;

public sealed class PsStartCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();

    public PsStartCommand(CliContext cli) : base(cli, "ps:start", "Start an app stopped with ps:stop: its formation runs again")
    {
        Arguments.Add(_app);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var report = await Api.PostAsync<ProcessReport>(ApiRoutes.ProcessesStart(app), ct);
        Out.Step($"Starting {app}: {string.Join(" ", report.Formation.Select(f => $"{f.Key}={f.Value}"))}");
    }
}
