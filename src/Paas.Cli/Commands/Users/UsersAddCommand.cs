using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Users;

public sealed class UsersAddCommand : PaasCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The user's name (lower case, e.g. alice)" };

    private readonly Option<string> _role = new("--role")
    {
        Description = "admin (everything) or developer (the apps granted to them)",
        DefaultValueFactory = _ => "developer",
        HelpName = "ROLE",
    };

    private readonly Option<bool> _passwordStdin = new(PasswordInput.OptionName)
    {
        Description = "Read the password from the first line of standard input (default: generate one and print it once)",
    };

    public UsersAddCommand(CliContext cli) : base(cli, "users:add", "Add a user who can log in to the dashboard (administrators only)")
    {
        Arguments.Add(_name);
        Options.Add(_role);
        Options.Add(_passwordStdin);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var password = await PasswordInput.ReadAsync(Cli, parse.GetValue(_passwordStdin), ct);
        var created = await Api.PostAsync<AddUserRequest, CreatedUser>(ApiRoutes.Users,
            new AddUserRequest(parse.GetRequiredValue(_name), parse.GetValue(_role) ?? "developer", password), ct);
        Out.Step($"Added user {created.Name} ({created.Role})");
        if (created.Password is not null)
            Out.Detail($"Password: {created.Password} (shown only this once; change it with `paas users:passwd {created.Name}`)");
    }
}
