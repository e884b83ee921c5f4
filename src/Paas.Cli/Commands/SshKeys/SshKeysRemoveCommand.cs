using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.SshKeys;

public sealed class SshKeysRemoveCommand : PaasCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The key's name, as ssh-keys:list shows it" };

    public SshKeysRemoveCommand(CliContext cli) : base(cli, "ssh-keys:remove", "Remove an SSH key: logins with it stop at once")
    {
        Arguments.Add(_name);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var name = parse.GetRequiredValue(_name);
        await Api.DeleteAsync(ApiRoutes.SshKey(name), ct);
        Out.Step($"Removed SSH key {name}");
    }
}
