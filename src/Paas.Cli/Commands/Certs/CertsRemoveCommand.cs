using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Certs;

public sealed class CertsRemoveCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();

    public CertsRemoveCommand(CliContext cli) : base(cli, "certs:remove", "Stop serving an app over HTTPS and forget its certificate")
    {
        Arguments.Add(_app);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        await Api.DeleteAsync(ApiRoutes.Certificate(app), ct);
        Out.Step($"Removed the certificate of {app}");
    }
}
