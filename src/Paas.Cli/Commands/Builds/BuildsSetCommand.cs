using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Builds;

public sealed class BuildsSetCommand(CliContext cli) : SettingSetCommand(cli, "builds:set",
    "Set an app's build timeout, limits or image retention, or how many builds run at once",
    "timeout (e.g. 30m), memory (e.g. 2g), cpus (e.g. 2) or image-retention (images kept, default 5); with --global: parallel N",
    "A host-wide setting (administrators): parallel, the builds run at once",
    "build", "myapp timeout 30m", "parallel 2")
{
    protected override Task PutAsync(string app, string key, string? value, CancellationToken ct) =>
        Api.PutAsync(ApiRoutes.BuildSettings(app), new SetBuildSettingRequest(key, value), ct);

    protected override Task PutGlobalAsync(string key, string? value, CancellationToken ct) =>
        Api.PutAsync(ApiRoutes.GlobalBuildSettings, new SetBuildSettingRequest(key, value), ct);
}
