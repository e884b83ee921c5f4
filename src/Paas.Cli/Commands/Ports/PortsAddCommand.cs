using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;
using Paas.Core.Routing;

namespace Paas.Cli.Commands.Ports;

public sealed class PortsAddCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string[]> _mappings = new("MAPPING")
    {
        Description = "Port mappings as scheme:host:container, for example http:80:5000",
        Arity = ArgumentArity.OneOrMore,
    };

    public PortsAddCommand(CliContext cli) : base(cli, "ports:add", "Add port mappings to an app")
    {
        Arguments.Add(_app);
        Arguments.Add(_mappings);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var mappings = parse.GetRequiredValue(_mappings);
        var all = await Api.PostAsync<PortsRequest, PortMappingView[]>(ApiRoutes.Ports(app), new PortsRequest(mappings), ct);
        Out.Step($"Added {string.Join(", ", mappings)} to {app}");
        PortsListCommand.Print(Out, app, all);
    }
}
