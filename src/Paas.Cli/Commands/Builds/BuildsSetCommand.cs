using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Builds;

public sealed class BuildsSetCommand : PaasCommand
{
    private readonly Argument<string> _first = new("APP|KEY") { Description = "The app (or, with --global, the key)" };
    private readonly Argument<string[]> _rest = new("KEY [VALUE]")
    {
        Description = "timeout (e.g. 30m), memory (e.g. 2g), cpus (e.g. 2) or image-retention (images kept, default 5); with --global: parallel N. No value: back to the default",
        Arity = new ArgumentArity(0, 2),
    };
    private readonly Option<bool> _global = new("--global") { Description = "A host-wide setting (administrators): parallel, the builds run at once" };

    public BuildsSetCommand(CliContext cli) : base(cli, "builds:set", "Set an app's build timeout, limits or image retention, or how many builds run at once")
    {
        Arguments.Add(_first);
        Arguments.Add(_rest);
        Options.Add(_global);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var first = parse.GetRequiredValue(_first);
        var rest = parse.GetValue(_rest) ?? [];
        if (parse.GetValue(_global))
        {
            if (rest.Length > 1) throw CliException.Usage("with --global give KEY [VALUE], for example `builds:set --global parallel 2`");
            var value = rest.Length == 1 ? rest[0] : null;
            await Api.PutAsync(ApiRoutes.GlobalBuildSettings, new SetBuildSettingRequest(first, value), ct);
            Out.Step(value is null ? $"Unset the global build {first}" : $"Set the global build {first} to {value}");
            return;
        }
        if (rest.Length == 0) throw CliException.Usage("give APP KEY [VALUE], for example `builds:set myapp timeout 30m`");
        var key = rest[0];
        var newValue = rest.Length == 2 ? rest[1] : null;
        await Api.PutAsync(ApiRoutes.BuildSettings(first), new SetBuildSettingRequest(key, newValue), ct);
        Out.Step(newValue is null ? $"Unset the build {key} of {first} (the default applies)" : $"Set the build {key} of {first} to {newValue}");
    }
}
