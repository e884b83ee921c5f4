using System.CommandLine;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Config;

public sealed class ConfigKeysCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();

    public ConfigKeysCommand(CliContext cli) : base(cli, "config:keys", "List an app's config var names, one per line")
    {
        Arguments.Add(_app);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        // The app report carries the names without the values, so no secret crosses the wire.
        var report = await Api.GetAsync<AppReport>(ApiRoutes.App(parse.GetRequiredValue(_app)), ct);
        foreach (var key in report.ConfigKeys)
            Out.Write(key + "\n");
    }
}
