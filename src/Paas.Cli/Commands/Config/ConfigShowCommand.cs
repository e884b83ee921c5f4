using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Config;

public sealed class ConfigShowCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();

    public ConfigShowCommand(CliContext cli) : base(cli, "config:show", "Show an app's config vars and their values")
    {
        Arguments.Add(_app);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var json = await Api.GetJsonAsync(ApiRoutes.Config(app), ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var vars = PaasApi.Read<Dictionary<string, string>>(json);
        Out.Header($"{app} env vars");
        var width = vars.Count == 0 ? 0 : vars.Keys.Max(k => k.Length) + 3;
        // Unindented KEY:  value lines, as Dokku prints them.
        foreach (var (key, value) in vars.OrderBy(v => v.Key, StringComparer.Ordinal))
            Out.Write((key + ":").PadRight(width) + value + "\n");
    }
}
