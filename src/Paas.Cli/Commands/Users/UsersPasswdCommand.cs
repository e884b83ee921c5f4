using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Users;

public sealed class UsersPasswdCommand : PaasCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The user's name (yourself, or anyone for administrators)" };

    private readonly Option<bool> _passwordStdin = new(PasswordInput.OptionName)
    {
        Description = "Read the new password from the first line of standard input (default: generate one and print it once)",
    };

    public UsersPasswdCommand(CliContext cli)
        : base(cli, "users:passwd", "Set a user's password; their existing dashboard logins end")
    {
        Arguments.Add(_name);
        Options.Add(_passwordStdin);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var password = await PasswordInput.ReadAsync(Cli, parse.GetValue(_passwordStdin), ct);
        var name = parse.GetRequiredValue(_name);
        var changed = await Api.PutAsync<SetPasswordRequest, PasswordChanged>(ApiRoutes.UserPassword(name), new SetPasswordRequest(password), ct);
        Out.Step($"Changed the password of {changed.Name}");
        if (changed.Password is not null)
            Out.Detail($"Password: {changed.Password} (shown only this once)");
    }
}
