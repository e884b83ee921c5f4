using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Tokens;

public sealed class TokensCreateCommand : PaasCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "A name to recognise and revoke the token by" };

    private readonly Option<string> _user = new("--user")
    {
        Description = "Create the token for this user (administrators only; default: yourself)",
        HelpName = "USER",
    };

    public TokensCreateCommand(CliContext cli)
        : base(cli, "tokens:create", "Create an API token and print it alone on stdout (shown only once)")
    {
        Arguments.Add(_name);
        Options.Add(_user);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var created = await Api.PostAsync<CreateTokenRequest, CreatedToken>(
            ApiRoutes.Tokens, new CreateTokenRequest(parse.GetRequiredValue(_name), parse.GetValue(_user)), ct);
        // Only the token on stdout, so TOKEN=$(paas tokens:create ci) works; the note goes to stderr.
        Out.Write(created.Token + "\n");
        Error.Step($"Created token {created.Name}{(created.User is { } user ? " for " + user : "")}: it is shown only this once, use it as PAAS_TOKEN");
    }
}
