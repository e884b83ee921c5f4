using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Users;

public sealed class UsersListCommand : PaasCommand
{
    private readonly Option<string> _format = CommonSymbols.Format();

    public UsersListCommand(CliContext cli) : base(cli, "users:list", "List users with their role, tokens, SSH keys and granted apps (administrators only)")
    {
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var json = await Api.GetJsonAsync(ApiRoutes.Users, ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var users = PaasApi.Read<UserView[]>(json);
        Out.Header("Users");
        var rows = new List<IReadOnlyList<string>> { new[] { "name", "role", "password", "tokens", "ssh keys", "apps", "created" } };
        rows.AddRange(users.Select(u => (IReadOnlyList<string>)
        [
            u.Name, u.Role, u.HasPassword ? "set" : "none", u.Tokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
            u.SshKeys.ToString(System.Globalization.CultureInfo.InvariantCulture),
            u.Role == "admin" ? "all" : (u.Apps.Count == 0 ? "none" : string.Join(",", u.Apps)), Display.Time(u.CreatedAt),
        ]));
        Out.Table(rows);
    }
}
