using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Apps;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Apps;

public sealed class AppsUnlockCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();

    public AppsUnlockCommand(CliContext cli) : base(cli, "apps:unlock", "Unlock an app so it can be deployed again")
    {
        Arguments.Add(_app);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = await Api.PostAsync<App>(ApiRoutes.Unlock(parse.GetRequiredValue(_app)), ct);
        Out.Step($"Unlocked {app.Name}");
    }
}
