using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Apps;

public sealed class AppsGrantCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string> _user = new("USER") { Description = "The developer to grant the app to" };

    public AppsGrantCommand(CliContext cli)
        : base(cli, "apps:grant", "Let a developer see, change and push an app (administrators only)")
    {
        Arguments.Add(_app);
        Arguments.Add(_user);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var user = parse.GetRequiredValue(_user);
        await Api.PutAsync(ApiRoutes.Grant(app, user), new { }, ct);
        Out.Step($"Granted {app} to {user}");
    }
}
