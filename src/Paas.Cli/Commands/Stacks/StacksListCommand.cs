using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Stacks;

public sealed class StacksListCommand : PaasCommand
{
    public const string DefaultMarker = " (default)";

    private readonly Option<string> _format = CommonSymbols.Format();

    public StacksListCommand(CliContext cli) : base(cli, "stacks:list", "List stacks; the default one is marked")
    {
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var json = await Api.GetJsonAsync(ApiRoutes.Stacks, ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var stacks = PaasApi.Read<StackView[]>(json);
        Out.Header("Stacks");
        if (stacks.Length == 0)
        {
            Out.Detail("none: create one with `paas stacks:create NAME --from debootstrap|host`");
            return;
        }
        var rows = new List<IReadOnlyList<string>> { new[] { "name", "source", "image", "created" } };
        rows.AddRange(stacks.Select(s => (IReadOnlyList<string>)
            [s.Name + (s.IsDefault ? DefaultMarker : ""), s.Source, s.ImageReference, Display.Time(s.CreatedAt)]));
        Out.Table(rows);
    }
}
