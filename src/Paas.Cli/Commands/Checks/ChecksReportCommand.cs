using System.CommandLine;
using System.Globalization;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Checks;

public sealed class ChecksReportCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();

    public ChecksReportCommand(CliContext cli) : base(cli, "checks:report", "Show which process types skip checks or zero downtime, and the checks settings in effect")
    {
        Arguments.Add(_app);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var json = await Api.GetJsonAsync(ApiRoutes.Checks(app), ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var view = PaasApi.Read<CheckSettingsView>(json);
        Out.Header($"{view.App} checks information");
        Out.Fields(
        [
            ("Checks disabled list", view.Disabled.Text),
            ("Checks skipped list", view.Skipped.Text),
            .. view.Settings.Select(s => ($"Checks {s.Key.Replace('-', ' ')}", Shown(s))),
        ]);
    }

    /// <summary>"60 (default)", "30 (global)", or the app's own value alone.</summary>
    private static string Shown(CheckSettingView setting)
    {
        var value = setting.Value.ToString(CultureInfo.InvariantCulture);
        return setting.Source switch
        {
            CheckSettingSource.Default => value + " (default)",
            CheckSettingSource.Global => value + " (global)",
            _ => value,
        };
    }
}
