using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Checks;

public sealed class ChecksDisableCommand(CliContext cli) : ChecksProcessTypesCommand(cli, "checks:disable",
    "Deploy process types without zero downtime: old containers stop before new ones start, no checks (downtime)", "Disabling")
{
    protected override string Route(string app) => ApiRoutes.ChecksDisable(app);
}
