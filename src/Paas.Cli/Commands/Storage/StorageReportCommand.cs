using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Storage;

/// <summary>Dokku's storage:report: the mounts per phase. Paas mounts the same set in every run-phase container and none in the build.</summary>
public sealed class StorageReportCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();

    public StorageReportCommand(CliContext cli) : base(cli, "storage:report", "Show which volumes each phase of an app's containers mounts")
    {
        Arguments.Add(_app);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var json = await Api.GetJsonAsync(ApiRoutes.Storage(app), ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var mounts = string.Join(" ", PaasApi.Read<StorageMountView[]>(json).Select(m => m.ToString()));
        Out.Header($"{app} storage information");
        Out.Fields(
        [
            ("Storage build mounts", ""),
            ("Storage deploy mounts", mounts),
            ("Storage run mounts", mounts),
        ]);
    }
}
