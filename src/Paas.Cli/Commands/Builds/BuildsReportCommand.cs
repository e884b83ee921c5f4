using System.CommandLine;
using System.Globalization;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Builds;

public sealed class BuildsReportCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();

    public BuildsReportCommand(CliContext cli) : base(cli, "builds:report", "Show an app's build settings (timeout, limits) and the host's build parallelism")
    {
        Arguments.Add(_app);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var json = await Api.GetJsonAsync(ApiRoutes.BuildSettings(app), ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var view = PaasApi.Read<BuildSettingsView>(json);
        string Mark(string key) => view.Set.Contains(key) ? "" : " (default)";
        Out.Header($"{app} builds information");
        Out.Fields(
        [
            ("Builds timeout", view.Timeout + Mark("timeout")),
            ("Builds memory", view.Memory + Mark("memory")),
            ("Builds cpus", view.Cpus + Mark("cpus")),
            ("Builds image retention", view.ImageRetention.ToString(CultureInfo.InvariantCulture) + Mark("image-retention")),
            ("Builds parallel (host)", view.Parallel.ToString(CultureInfo.InvariantCulture)),
        ]);
    }
}
