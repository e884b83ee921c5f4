using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Apps;

public sealed class AppsRevokeCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string> _user = new("USER") { Description = "The developer to take the app from" };

    public AppsRevokeCommand(CliContext cli)
        : base(cli, "apps:revoke", "Take an app away from a developer: they no longer see or push it (administrators only)")
    {
        Arguments.Add(_app);
        Arguments.Add(_user);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var user = parse.GetRequiredValue(_user);
        await Api.DeleteAsync(ApiRoutes.Grant(app, user), ct);
        Out.Step($"Revoked {app} from {user}");
    }
}
