using System.CommandLine;
using System.Globalization;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Cron;

public sealed class CronListCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();

    public CronListCommand(CliContext cli) : base(cli, "cron:list", "List the app.json cron entries of an app's serving release, with their next and last runs (UTC)")
    {
        Arguments.Add(_app);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var json = await Api.GetJsonAsync(ApiRoutes.Cron(app), ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var entries = PaasApi.Read<CronEntryView[]>(json);
        Out.Header($"{app} cron tasks");
        if (entries.Length == 0)
        {
            Out.Detail("none: add a \"cron\" list to app.json, e.g. [{ \"command\": \"bin/cleanup\", \"schedule\": \"@daily\" }]");
            return;
        }
        var rows = new List<IReadOnlyList<string>> { new[] { "id", "schedule", "command", "next run", "last run" } };
        rows.AddRange(entries.Select(e => (IReadOnlyList<string>)
        [
            e.Id.ToString(CultureInfo.InvariantCulture),
            e.Schedule,
            e.Command,
            e.NextRun is { } next ? Display.Time(next) : "not scheduled yet",
            e.LastRun is { } last ? $"{Display.Time(last)}{(e.LastState is { } state ? $" ({state.ToLowerInvariant()})" : "")}" : "never",
        ]));
        Out.Table(rows);
    }
}
