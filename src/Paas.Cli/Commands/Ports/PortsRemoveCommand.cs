using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;
using Paas.Core.Routing;

namespace Paas.Cli.Commands.Ports;

public sealed class PortsRemoveCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string[]> _mappings = new("MAPPING")
    {
        Description = "Port mappings to remove, as scheme:host:container",
        Arity = ArgumentArity.OneOrMore,
    };

    public PortsRemoveCommand(CliContext cli) : base(cli, "ports:remove", "Remove port mappings from an app")
    {
        Arguments.Add(_app);
        Arguments.Add(_mappings);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        foreach (var text in parse.GetRequiredValue(_mappings))
        {
            // The canonical form (HTTP:080:5000 → http:80:5000) names the stored row; paasd judges the rest.
            var mapping = PortMapping.TryParse(text, out var parsed) is null ? parsed.ToString() : text;
            await Api.DeleteAsync(ApiRoutes.Port(app, mapping), ct);
            Out.Step($"Removed {mapping} from {app}");
        }
    }
}
