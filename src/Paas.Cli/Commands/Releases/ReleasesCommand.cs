using System.CommandLine;
using System.Globalization;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Releases;

public sealed class ReleasesCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();

    public ReleasesCommand(CliContext cli) : base(cli, "releases", "List an app's releases, newest first")
    {
        Arguments.Add(_app);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var json = await Api.GetJsonAsync(ApiRoutes.Releases(app), ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var releases = PaasApi.Read<ReleaseView[]>(json);
        Out.Header($"{app} releases");
        if (releases.Length == 0)
        {
            Out.Detail("none yet: the first build creates v1");
            return;
        }
        var rows = new List<IReadOnlyList<string>> { new[] { "version", "created", "by", "commit", "description" } };
        rows.AddRange(releases.Select(r => (IReadOnlyList<string>)
        [
            "v" + r.Version.ToString(CultureInfo.InvariantCulture),
            Display.Time(r.CreatedAt),
            r.CreatedBy,
            r.Commit is null ? "" : r.Commit[..7],
            r.Description,
        ]));
        Out.Table(rows);
    }
}
