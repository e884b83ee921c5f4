using System.CommandLine;
using System.Globalization;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Ps;

public sealed class PsReportCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();

    public PsReportCommand(CliContext cli) : base(cli, "ps:report", "Show an app's processes: what should run, what runs, restarts, crash loops and recent deploys")
    {
        Arguments.Add(_app);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var json = await Api.GetJsonAsync(ApiRoutes.Processes(app), ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var report = PaasApi.Read<ProcessReport>(json);
        Out.Header($"{app} ps information");
        Out.Fields(
        [
            ("Serving release", report.ServingRelease is { } s ? "v" + s.ToString(CultureInfo.InvariantCulture) : "none"),
            ("Latest release", report.LatestRelease is { } l ? "v" + l.ToString(CultureInfo.InvariantCulture) : "none"),
            ("Stopped", report.Stopped ? "true" : "false"),
            ("Restart policy", report.RestartPolicy),
            ("Stop timeout", report.StopTimeoutSeconds.ToString(CultureInfo.InvariantCulture) + "s"),
            ("Formation", report.Formation.Count == 0 ? "none" : string.Join(" ", report.Formation.Select(f => $"{f.Key}={f.Value}"))),
        ]);
        if (report.Instances.Count > 0)
        {
            var rows = new List<IReadOnlyList<string>> { new[] { "dyno", "release", "state", "container", "address", "restarts", "last exit", "since" } };
            rows.AddRange(report.Instances.Select(i => (IReadOnlyList<string>)
            [
                i.Dyno,
                "v" + i.Release.ToString(CultureInfo.InvariantCulture),
                i.State + (i.NextRestartAt is { } next ? $" (restart {Display.Time(next)})" : "") + (i.Ready ? "" : " (not ready)"),
                i.ContainerId is { } id ? id[..Math.Min(12, id.Length)] : "",
                i.Address ?? "",
                i.Restarts.ToString(CultureInfo.InvariantCulture),
                i.LastExitCode is { } code ? code.ToString(CultureInfo.InvariantCulture) + (i.OomKilled ? " (oom)" : "") : "",
                i.StartedAt is { } at ? Display.Time(at) : "",
            ]));
            Out.Table(rows);
            foreach (var i in report.Instances) WriteChecks(i);
        }
        foreach (var d in report.Deployments)
            Out.Detail($"deploy {d.Id}: v{d.Release} ({d.Reason}) {d.Status}{(d.Status == "running" ? " in " + d.Phase : "")}" +
                       $" by {d.CreatedBy} {Display.Time(d.CreatedAt)}{(d.Error is null ? "" : ": " + d.Error)}");
    }

    /// <summary>
    /// Liveness/readiness checks: what each said last, a line per check (only instances that have such checks); a failing
    /// readiness check's line says since when it holds the instance out of the routes.
    /// </summary>
    private void WriteChecks(InstanceView i)
    {
        var outOfRoutes = i.NotReadySince is { } since ? $"; not ready since {Display.Time(since)} (out of the routes)" : null;
        if (i.Checks is not { Count: > 0 } checks)
        {
            // A paasd from before per-check results: its one last outcome.
            if (i.LastCheck is not null) Out.Detail($"{i.Dyno} last check {Display.Time(i.LastCheckAt!.Value)}: {i.LastCheck}{outOfRoutes}");
            return;
        }
        var told = false;
        foreach (var c in checks)
        {
            var holding = outOfRoutes is not null && c is { Type: "readiness", Ok: false, Current: true };
            told |= holding;
            Out.Detail($"{i.Dyno} last check {Display.Time(c.At)}: {c.Summary}{(c.Current ? "" : " (its previous container)")}{(holding ? outOfRoutes : "")}");
        }
        if (outOfRoutes is not null && !told) Out.Detail($"{i.Dyno}{outOfRoutes[1..]}");
    }
}
