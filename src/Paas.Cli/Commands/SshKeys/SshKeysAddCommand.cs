using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.SshKeys;

public sealed class SshKeysAddCommand : PaasCommand
{
    public const string TerminalRefused =
        "refusing to read a key from a terminal: give KEY, or redirect standard input (paas ssh-keys:add NAME - < ~/.ssh/id_ed25519.pub)";

    private readonly Argument<string> _name = new("NAME") { Description = "A name for the key, unique on this host (e.g. laptop)" };

    private readonly Argument<string> _key = new("KEY")
    {
        Description = "The public key (one line of a .pub file, quoted), or - to read it from standard input",
    };

    private readonly Option<string> _user = new("--user")
    {
        Description = "Add the key for this user (administrators only; default: yourself)",
        HelpName = "USER",
    };

    public SshKeysAddCommand(CliContext cli)
        : base(cli, "ssh-keys:add", "Add an SSH public key: its user can then git push and run commands over SSH (ssh paas@HOST)")
    {
        Arguments.Add(_name);
        Arguments.Add(_key);
        Options.Add(_user);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var key = parse.GetRequiredValue(_key);
        if (key == "-")
        {
            if (Cli.Console.InputIsTerminal) throw new CliException(TerminalRefused);
            key = await Cli.Console.In.ReadToEndAsync(ct);
        }
        var added = await Api.PostAsync<AddSshKeyRequest, SshKeyView>(
            ApiRoutes.SshKeys, new AddSshKeyRequest(parse.GetRequiredValue(_name), key, parse.GetValue(_user)), ct);
        Out.Step($"Added SSH key {added.Name} for {added.User} ({added.Fingerprint})");
    }
}
