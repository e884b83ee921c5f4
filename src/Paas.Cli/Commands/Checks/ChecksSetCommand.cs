using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Checks;

public sealed class ChecksSetCommand : PaasCommand
{
    private readonly Argument<string> _first = new("APP|KEY") { Description = "The app (or, with --global, the key)" };
    private readonly Argument<string[]> _rest = new("KEY [VALUE]")
    {
        Description = "wait-to-retire, default-wait (seconds), or for CHECKS files wait, timeout (seconds) and attempts. No value: unset",
        Arity = new ArgumentArity(0, 2),
    };
    private readonly Option<bool> _global = new("--global") { Description = "A host-wide value (administrators), used by apps that set none" };

    public ChecksSetCommand(CliContext cli) : base(cli, "checks:set", "Set how long checks wait and old containers live, for an app or the host")
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
            if (rest.Length > 1) throw CliException.Usage("with --global give KEY [VALUE], for example `checks:set --global wait-to-retire 30`");
            var value = rest.Length == 1 ? rest[0] : null;
            await Api.PutAsync(ApiRoutes.GlobalCheckSettings, new SetCheckSettingRequest(first, value), ct);
            Out.Step(value is null ? $"Unset the global checks {first} (the default applies)" : $"Set the global checks {first} to {value}");
            return;
        }
        if (rest.Length == 0) throw CliException.Usage("give APP KEY [VALUE], for example `checks:set myapp wait-to-retire 30`");
        var key = rest[0];
        var newValue = rest.Length == 2 ? rest[1] : null;
        await Api.PutAsync(ApiRoutes.CheckSettings(first), new SetCheckSettingRequest(key, newValue), ct);
        Out.Step(newValue is null
            ? $"Unset the checks {key} of {first} (the global value or the default applies)"
            : $"Set the checks {key} of {first} to {newValue}");
    }
}
