using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Domains;

public sealed class DomainsAddCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string[]> _domains = new("DOMAIN")
    {
        Description = "Host names to route to the app",
        Arity = ArgumentArity.OneOrMore,
    };

    public DomainsAddCommand(CliContext cli) : base(cli, "domains:add", "Add domains to an app")
    {
        Arguments.Add(_app);
        Arguments.Add(_domains);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var domains = parse.GetRequiredValue(_domains);
        var all = await Api.PostAsync<DomainsRequest, string[]>(ApiRoutes.Domains(app), new DomainsRequest(domains), ct);
        Out.Step($"Added {string.Join(", ", domains)} to {app}");
        DomainsListCommand.Print(Out, app, all);
    }
}
