using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Apps;

public sealed class AppsInfoCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();

    public AppsInfoCommand(CliContext cli) : base(cli, "apps:info", "Show an app's name, creation time, lock and current release")
    {
        Arguments.Add(_app);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var report = await Api.GetAsync<AppReport>(ApiRoutes.App(parse.GetRequiredValue(_app)), ct);
        Out.Header(report.Name);
        Out.Fields(
        [
            ("Created", Display.Time(report.CreatedAt)),
            ("Locked", Display.YesNo(report.Locked)),
            ("Current release", Display.Release(report.CurrentRelease)),
        ]);
    }
}
