using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Checks;

public sealed class ChecksSkipCommand(CliContext cli) : ChecksProcessTypesCommand(cli, "checks:skip",
    "Deploy process types without running checks (new containers take over at once, still without downtime)", "Skipping")
{
    protected override string Route(string app) => ApiRoutes.ChecksSkip(app);
}
