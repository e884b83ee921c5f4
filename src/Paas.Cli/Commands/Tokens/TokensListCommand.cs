using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Tokens;

public sealed class TokensListCommand : PaasCommand
{
    private readonly Option<string> _format = CommonSymbols.Format();

    public TokensListCommand(CliContext cli) : base(cli, "tokens:list", "List API tokens (never their secrets)")
    {
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var json = await Api.GetJsonAsync(ApiRoutes.Tokens, ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var tokens = PaasApi.Read<TokenView[]>(json);
        Out.Header("API tokens");
        if (tokens.Length == 0)
        {
            Out.Detail("none");
            return;
        }
        var rows = new List<IReadOnlyList<string>> { new[] { "name", "user", "created", "last used" } };
        rows.AddRange(tokens.Select(t => (IReadOnlyList<string>)
            [t.Name, t.User, Display.Time(t.CreatedAt), Display.Time(t.LastUsedAt)]));
        Out.Table(rows);
    }
}
