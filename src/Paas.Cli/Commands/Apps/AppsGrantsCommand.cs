using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Apps;

public sealed class AppsGrantsCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();

    public AppsGrantsCommand(CliContext cli)
        : base(cli, "apps:grants", "List the developers granted an app (administrators see every app anyway)")
    {
        Arguments.Add(_app);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var json = await Api.GetJsonAsync(ApiRoutes.Grants(app), ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var grants = PaasApi.Read<GrantView[]>(json);
        Out.Header($"{app} grants");
        if (grants.Length == 0)
        {
            Out.Detail("none (only administrators)");
            return;
        }
        foreach (var grant in grants)
            Out.Detail(grant.User);
    }
}
