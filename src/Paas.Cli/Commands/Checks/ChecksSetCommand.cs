using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Checks;

public sealed class ChecksSetCommand(CliContext cli) : SettingSetCommand(cli, "checks:set",
    "Set how long checks wait and old containers live, for an app or the host",
    "wait-to-retire, default-wait (seconds), or for CHECKS files wait, timeout (seconds) and attempts",
    "A host-wide value (administrators), used by apps that set none",
    "checks", "myapp wait-to-retire 30", "wait-to-retire 30", "the global value or the default applies")
{
    protected override Task PutAsync(string app, string key, string? value, CancellationToken ct) =>
        Api.PutAsync(ApiRoutes.CheckSettings(app), new SetCheckSettingRequest(key, value), ct);

    protected override Task PutGlobalAsync(string key, string? value, CancellationToken ct) =>
        Api.PutAsync(ApiRoutes.GlobalCheckSettings, new SetCheckSettingRequest(key, value), ct);
}
