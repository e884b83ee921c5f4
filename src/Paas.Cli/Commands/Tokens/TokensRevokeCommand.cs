using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Tokens;

public sealed class TokensRevokeCommand : PaasCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The token's name" };

    public TokensRevokeCommand(CliContext cli) : base(cli, "tokens:revoke", "Revoke an API token: it stops working at once")
    {
        Arguments.Add(_name);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var name = parse.GetRequiredValue(_name);
        await Api.DeleteAsync(ApiRoutes.Token(name), ct);
        Out.Step($"Revoked token {name}");
    }
}
