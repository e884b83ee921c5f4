using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Users;

public sealed class UsersRemoveCommand : PaasCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The user's name" };
    private readonly Option<bool> _force = new("--force") { Description = "Do not ask to type the user's name again" };

    public UsersRemoveCommand(CliContext cli)
        : base(cli, "users:remove", "Remove a user with their tokens, SSH keys and grants; their logins end (asks to type the name unless --force)")
    {
        Arguments.Add(_name);
        Options.Add(_force);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var name = parse.GetRequiredValue(_name);
        if (!parse.GetValue(_force))
            Confirmation.Require(Cli, $"This command will remove user {name} with their API tokens, SSH keys and app grants.", name);
        await Api.DeleteAsync(ApiRoutes.User(name), ct);
        Out.Step($"Removed user {name}");
    }
}
