using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Apps;

public sealed class AppsDestroyCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<bool> _force = new("--force") { Description = "Do not ask to type the app's name again" };

    public AppsDestroyCommand(CliContext cli)
        : base(cli, "apps:destroy", "Destroy an app and everything it owns (asks to type its name unless --force)")
    {
        Arguments.Add(_app);
        Options.Add(_force);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        if (!parse.GetValue(_force))
        {
            // Ask only about an app that exists: a typo in the name fails before the prompt.
            await Api.GetJsonAsync(ApiRoutes.App(app), ct);
            Confirmation.Require(Cli, $"This command will destroy {app}, including the data in its storage volumes (paas storage:list {app}).", app);
        }
        await Api.DeleteAsync(ApiRoutes.App(app), ct);
        Out.Step($"Destroyed {app}");
    }
}
