using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Builds;

public sealed class RepoPurgeCacheCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();

    public RepoPurgeCacheCommand(CliContext cli) : base(cli, "repo:purge-cache", "Empty an app's build cache: the next build downloads its dependencies again")
    {
        Arguments.Add(_app);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        await Api.DeleteAsync(ApiRoutes.BuildCache(app), ct);
        Out.Step($"Purged the build cache of {app}");
    }
}
