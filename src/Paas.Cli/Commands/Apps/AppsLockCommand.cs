using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Apps;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Apps;

public sealed class AppsLockCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();

    public AppsLockCommand(CliContext cli) : base(cli, "apps:lock", "Lock an app: deploys are refused until apps:unlock")
    {
        Arguments.Add(_app);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = await Api.PostAsync<App>(ApiRoutes.Lock(parse.GetRequiredValue(_app)), ct);
        Out.Step($"Locked {app.Name}: deploys are refused until `paas apps:unlock {app.Name}`");
    }
}
