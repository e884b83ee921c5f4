using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Domains;

public sealed class DomainsRemoveCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string[]> _domains = new("DOMAIN")
    {
        Description = "Host names to stop routing to the app",
        Arity = ArgumentArity.OneOrMore,
    };

    public DomainsRemoveCommand(CliContext cli) : base(cli, "domains:remove", "Remove domains from an app")
    {
        Arguments.Add(_app);
        Arguments.Add(_domains);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        foreach (var domain in parse.GetRequiredValue(_domains))
        {
            await Api.DeleteAsync(ApiRoutes.Domain(app, domain), ct);
            Out.Step($"Removed {domain} from {app}");
        }
    }
}
