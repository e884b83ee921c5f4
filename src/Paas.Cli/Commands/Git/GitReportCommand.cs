using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Git;

public sealed class GitReportCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();

    public GitReportCommand(CliContext cli)
        : base(cli, "git:report", "Show an app's deploy branch, its repo's branches and the last push")
    {
        Arguments.Add(_app);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var json = await Api.GetJsonAsync(ApiRoutes.Git(parse.GetRequiredValue(_app)), ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var report = PaasApi.Read<GitReport>(json);
        Out.Header($"{report.App} git information");
        Out.Fields(
        [
            ("Git deploy branch", report.DeployBranch + (report.DeployBranchSet ? "" : " (default)")),
            ("Git branches", Display.List(report.Branches.Select(b => $"{b.Name}@{b.Commit[..12]}"))),
            ("Git last push", report.LastPush is { } push
                ? $"{push.Branch}@{push.Commit[..Math.Min(12, push.Commit.Length)]} by {push.By} at {Display.Time(push.At)}"
                : "none"),
        ]);
    }
}
