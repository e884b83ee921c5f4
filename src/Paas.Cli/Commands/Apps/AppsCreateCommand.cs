using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Apps;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Apps;

public sealed class AppsCreateCommand : PaasCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = $"The new app's name ({AppName.Rule})" };

    public AppsCreateCommand(CliContext cli) : base(cli, "apps:create", "Create an app")
    {
        Arguments.Add(_name);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var name = parse.GetRequiredValue(_name);
        var app = await Api.PostAsync<CreateAppRequest, App>(ApiRoutes.Apps, new CreateAppRequest(name), ct);
        Out.Step($"Created {app.Name}");
    }
}
