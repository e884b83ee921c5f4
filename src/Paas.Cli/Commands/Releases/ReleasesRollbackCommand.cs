using System.CommandLine;
using System.Globalization;
using Paas.Cli.Commands.Ps;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Releases;

public sealed class ReleasesRollbackCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string> _version = new("VERSION") { Description = "The release to go back to, for example v3" };

    public ReleasesRollbackCommand(CliContext cli)
        : base(cli, "releases:rollback", "Deploy an earlier release's image and config again, as a new release")
    {
        Arguments.Add(_app);
        Arguments.Add(_version);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var text = parse.GetRequiredValue(_version);
        if (!int.TryParse(text.TrimStart('v', 'V'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
            throw new CliException($"'{text}' is not a release version: give one that `paas releases {app}` lists, for example v3");
        var result = await Api.PostAsync<RollbackRequest, DeployResult>(ApiRoutes.Rollback(app), new RollbackRequest(version), DeployTimeouts.Deploy, ct);
        Out.Step($"Rolled {app} back to v{version}: v{result.Release} serves (deploy {result.Deployment})");
    }
}
