using System.CommandLine;
using System.Globalization;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;
using Paas.Core.Events;

namespace Paas.Cli.Commands.Events;

public sealed class EventsCommand : PaasCommand
{
    private readonly Option<string> _app = new("--app") { Description = "Only events of this app", HelpName = "APP" };
    private readonly Option<int?> _count = new("--num", "-n") { Description = "How many of the newest events to show", HelpName = "N" };
    private readonly Option<string> _format = CommonSymbols.Format();

    public EventsCommand(CliContext cli) : base(cli, "events", "Show the audit log, newest first")
    {
        Options.Add(_app);
        Options.Add(_count);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var query = new List<string>();
        if (parse.GetValue(_app) is { } app) query.Add("app=" + Uri.EscapeDataString(app));
        if (parse.GetValue(_count) is { } count)
        {
            if (count < 1) throw CliException.Usage($"-n {count} is not a positive count of events");
            query.Add("limit=" + count.ToString(CultureInfo.InvariantCulture));
        }
        var path = query.Count == 0 ? ApiRoutes.Events : ApiRoutes.Events + "?" + string.Join('&', query);
        var json = await Api.GetJsonAsync(path, ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var events = PaasApi.Read<AuditEvent[]>(json);
        Out.Header("Events");
        if (events.Length == 0)
        {
            Out.Detail("none");
            return;
        }
        var rows = new List<IReadOnlyList<string>> { new[] { "at", "actor", "action", "app", "details" } };
        rows.AddRange(events.Select(e => (IReadOnlyList<string>)
        [
            Display.Time(e.At),
            e.Actor,
            e.Action,
            e.App ?? "-",
            string.Join(' ', e.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}")),
        ]));
        Out.Table(rows);
    }
}
