using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.SshKeys;

public sealed class SshKeysListCommand : PaasCommand
{
    private readonly Option<string> _format = CommonSymbols.Format();

    public SshKeysListCommand(CliContext cli) : base(cli, "ssh-keys:list", "List SSH keys: yours, or everyone's for an administrator")
    {
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var json = await Api.GetJsonAsync(ApiRoutes.SshKeys, ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var keys = PaasApi.Read<SshKeyView[]>(json);
        Out.Header("SSH keys");
        if (keys.Length == 0)
        {
            Out.Detail("none");
            return;
        }
        var rows = new List<IReadOnlyList<string>> { new[] { "name", "fingerprint", "user", "added" } };
        rows.AddRange(keys.Select(k => (IReadOnlyList<string>)[k.Name, k.Fingerprint, k.User, Display.Time(k.CreatedAt)]));
        Out.Table(rows);
    }
}
