using System.CommandLine;
using System.Globalization;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;
using Paas.Core.Metrics;

namespace Paas.Cli.Commands.Metrics;

/// <summary><c>metrics APP [--range 1h|24h]</c>: per process type, CPU and memory now, on average and at the peak, and restarts.</summary>
public sealed class MetricsCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();
    private readonly Option<string> _range;

    public MetricsCommand(CliContext cli) : base(cli, "metrics", "Show an app's CPU, memory and restarts per process type")
    {
        _range = new Option<string>("--range")
        {
            Description = "How far back: 1h (30 s points) or 24h (5 min points)",
            DefaultValueFactory = _ => MetricsRange.Hour.Name,
            HelpName = "1h|24h",
        };
        _range.AcceptOnlyFromAmong([.. MetricsRange.All.Select(r => r.Name)]);
        Arguments.Add(_app);
        Options.Add(_range);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var range = parse.GetRequiredValue(_range);
        var json = await Api.GetJsonAsync(ApiRoutes.Metrics(app, range), ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var metrics = PaasApi.Read<AppMetrics>(json);
        Out.Header($"{metrics.App} metrics, last {metrics.Range}");
        var summaries = metrics.Processes.Select(MetricsSummary.Of).OfType<MetricsSummary>().ToList();
        if (summaries.Count == 0)
        {
            Out.Detail("no samples yet: they are taken every 10 s from the app's running containers");
            return;
        }
        var rows = new List<IReadOnlyList<string>> { new[] { "type", "cpu now", "cpu avg", "cpu max", "memory now", "memory avg", "memory max", "limit", "restarts" } };
        rows.AddRange(summaries.Select(s => (IReadOnlyList<string>)
        [
            s.ProcessType,
            Percent(s.CpuNow), Percent(s.CpuAverage), Percent(s.CpuMax),
            Display.Bytes(s.MemoryNow), Display.Bytes(s.MemoryAverage), Display.Bytes(s.MemoryMax),
            s.MemoryLimitBytes is { } limit ? Display.Bytes(limit) : "none",
            s.Restarts.ToString(CultureInfo.InvariantCulture),
        ]));
        Out.Table(rows);
    }

    /// <summary>100% is one core.</summary>
    private static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
