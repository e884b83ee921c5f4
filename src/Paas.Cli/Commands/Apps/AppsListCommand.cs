using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Apps;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Apps;

public sealed class AppsListCommand : PaasCommand
{
    private readonly Option<string> _format = CommonSymbols.Format();

    public AppsListCommand(CliContext cli) : base(cli, "apps:list", "List all apps")
    {
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var json = await Api.GetJsonAsync(ApiRoutes.Apps, ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        // As in Dokku: a header, then bare names, so `paas apps:list | tail -n +2` is the name list.
        Out.Header("My Apps");
        foreach (var app in PaasApi.Read<App[]>(json))
            Out.Write(app.Name + "\n");
    }
}
