using System.CommandLine;
using System.Globalization;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Builds;

public sealed class BuildsCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();
    private readonly Option<int> _num = new("--num", "-n")
    {
        Description = "How many of the latest builds to list",
        HelpName = "N",
        DefaultValueFactory = _ => 20,
    };

    public BuildsCommand(CliContext cli) : base(cli, "builds", "List an app's builds, newest first")
    {
        Arguments.Add(_app);
        Options.Add(_num);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var json = await Api.GetJsonAsync(ApiRoutes.Builds(app, parse.GetValue(_num)), ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var builds = PaasApi.Read<BuildView[]>(json);
        Out.Header($"{app} builds");
        if (builds.Length == 0)
        {
            Out.Detail("none yet: `git push` builds the deploy branch");
            return;
        }
        var rows = new List<IReadOnlyList<string>> { new[] { "id", "status", "commit", "by", "started", "took", "release" } };
        rows.AddRange(builds.Select(b => (IReadOnlyList<string>)
        [
            b.Id.ToString(CultureInfo.InvariantCulture),
            b.Status,
            b.Commit[..7] + (b.Branch is null ? "" : $" ({b.Branch})"),
            b.CreatedBy,
            Display.Time(b.StartedAt ?? b.CreatedAt),
            b.StartedAt is { } started && b.FinishedAt is { } finished ? $"{(finished - started).TotalSeconds:0.0}s" : "",
            b.ReleaseVersion is { } v ? "v" + v.ToString(CultureInfo.InvariantCulture) : "",
        ]));
        Out.Table(rows);
        foreach (var failed in builds.Where(b => b.Error is not null).Take(1))
            Out.Detail($"build {failed.Id}: {failed.Error}");
    }
}
