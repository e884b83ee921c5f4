using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Domains;

public sealed class DomainsListCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();

    public DomainsListCommand(CliContext cli) : base(cli, "domains:list", "List an app's domains")
    {
        Arguments.Add(_app);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var json = await Api.GetJsonAsync(ApiRoutes.Domains(app), ct);
        if (parse.IsJson(_format))
            Out.Json(json);
        else
            Print(Out, app, PaasApi.Read<string[]>(json));
    }

    public static void Print(TextWriter output, string app, IReadOnlyList<string> domains)
    {
        output.Header($"{app} domains");
        if (domains.Count == 0) output.Detail("none");
        foreach (var domain in domains)
            output.Detail(domain);
    }
}
