using System.CommandLine;
using System.Globalization;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;
using Paas.Core.Routing;

namespace Paas.Cli.Commands.Ports;

public sealed class PortsListCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();

    public PortsListCommand(CliContext cli) : base(cli, "ports:list", "List an app's port mappings")
    {
        Arguments.Add(_app);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var json = await Api.GetJsonAsync(ApiRoutes.Ports(app), ct);
        if (parse.IsJson(_format))
            Out.Json(json);
        else
            Print(Out, app, PaasApi.Read<PortMappingView[]>(json));
    }

    /// <summary>The mappings as a table; a column says why a port is not served when the router could not bind one.</summary>
    public static void Print(TextWriter output, string app, IReadOnlyList<PortMappingView> mappings)
    {
        output.Header($"{app} ports");
        var unbound = mappings.Any(m => m.Unbound is not null);
        var rows = new List<IReadOnlyList<string>>
        {
            unbound ? ["scheme", "host port", "container port", "unbound"] : ["scheme", "host port", "container port"],
        };
        rows.AddRange(mappings.Select(m => (IReadOnlyList<string>)
        [
            m.Scheme,
            m.HostPort.ToString(CultureInfo.InvariantCulture),
            m.ContainerPort.ToString(CultureInfo.InvariantCulture),
            .. unbound ? [m.Unbound ?? "-"] : Array.Empty<string>(),
        ]));
        output.Table(rows);
    }
}
