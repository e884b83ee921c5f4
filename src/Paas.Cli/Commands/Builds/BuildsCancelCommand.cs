using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Builds;

public sealed class BuildsCancelCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();

    public BuildsCancelCommand(CliContext cli) : base(cli, "builds:cancel", "Cancel an app's running build (and those waiting for it)")
    {
        Arguments.Add(_app);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var cancelled = await Api.PostAsync<long[]>(ApiRoutes.BuildsCancel(app), ct);
        Out.Step($"Cancelled build {string.Join(", ", cancelled)} of {app}");
    }
}
