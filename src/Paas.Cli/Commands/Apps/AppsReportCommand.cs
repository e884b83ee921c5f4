using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;
using Paas.Core.Limits;

namespace Paas.Cli.Commands.Apps;

public sealed class AppsReportCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();

    public AppsReportCommand(CliContext cli)
        : base(cli, "apps:report", "Show everything that configures an app (config values excepted)")
    {
        Arguments.Add(_app);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var json = await Api.GetJsonAsync(ApiRoutes.App(parse.GetRequiredValue(_app)), ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var report = PaasApi.Read<AppReport>(json);
        Out.Header($"{report.Name} app information");
        Out.Fields(
        [
            ("App created at", Display.Time(report.CreatedAt)),
            ("App locked", Display.YesNo(report.Locked)),
            ("App current release", Display.Release(report.CurrentRelease)),
            ("Domains", Display.List(report.Domains)),
            ("Ports", Display.List(report.Ports.Select(p => p.ToString()))),
            ("Ports unbound", Display.List(report.UnboundPorts ?? [])),
            ("Storage mounts", Display.List(report.StorageMounts ?? [])),
            ("Formation", Display.List(report.Formation.Select(f => $"{f.ProcessType}={f.Quantity}"))),
            ("Resource limits", Display.List(report.Limits.Select(Describe))),
            ("Config keys", Display.List(report.ConfigKeys)),
            ("Disk usage", report.DiskUsage is { } disk ? Display.Bytes(disk.TotalBytes) : "unknown"),
            ("Disk repo", report.DiskUsage is { } repo ? Display.Bytes(repo.RepoBytes) : "unknown"),
            ("Disk build cache", report.DiskUsage is { } cache ? Display.Bytes(cache.BuildCacheBytes) : "unknown"),
            ("Disk images", report.DiskUsage is { } images ? Display.Bytes(images.ImageBytes) : "unknown"),
            ("Disk logs", report.DiskUsage is { } logs ? Display.Bytes(logs.LogBytes) : "unknown"),
            ("Disk volumes", report.DiskUsage is { } volumes ? Display.Bytes(volumes.VolumeBytes) : "unknown"),
        ]);
    }

    private static string Describe(LimitsView limits)
    {
        var parts = new List<string>();
        if (limits.MemoryBytes is { } memory) parts.Add("memory=" + ResourceLimitParser.FormatMemory(memory));
        if (limits.Cpus is { } cpus) parts.Add("cpu=" + Display.Cpus(cpus));
        if (limits.Pids is { } pids) parts.Add("pids=" + pids);
        return $"{limits.ProcessType ?? "app"}({string.Join(',', parts)})";
    }
}
