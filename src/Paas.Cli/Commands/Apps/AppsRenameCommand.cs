using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Apps;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Apps;

public sealed class AppsRenameCommand : PaasCommand
{
    private readonly Argument<string> _old = new("OLD") { Description = "The app's current name" };
    private readonly Argument<string> _new = new("NEW") { Description = $"Its new name ({AppName.Rule})" };

    public AppsRenameCommand(CliContext cli) : base(cli, "apps:rename", "Rename an app")
    {
        Arguments.Add(_old);
        Arguments.Add(_new);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var oldName = parse.GetRequiredValue(_old);
        var app = await Api.PostAsync<RenameAppRequest, App>(
            ApiRoutes.Rename(oldName), new RenameAppRequest(parse.GetRequiredValue(_new)), ct);
        Out.Step($"Renamed {oldName} to {app.Name}");
    }
}
