using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Checks;

public sealed class ChecksEnableCommand(CliContext cli) : ChecksProcessTypesCommand(cli, "checks:enable",
    "Deploy process types with checks and zero downtime again", "Enabling")
{
    protected override string Route(string app) => ApiRoutes.ChecksEnable(app);
}
