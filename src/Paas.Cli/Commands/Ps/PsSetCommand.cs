using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Ps;

public sealed class PsSetCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string> _key = new("KEY") { Description = "restart-policy or stop-timeout" };
    private readonly Argument<string?> _value = new("VALUE")
    {
        Description = "on-failure[:N], always, unless-stopped, no; or seconds. Omit to go back to the default",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public PsSetCommand(CliContext cli) : base(cli, "ps:set", "Set an app's restart policy (default on-failure:10) or stop timeout (default 30 s)")
    {
        Arguments.Add(_app);
        Arguments.Add(_key);
        Arguments.Add(_value);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var key = parse.GetRequiredValue(_key);
        var settings = await Api.PutAsync<SetProcessSettingRequest, Dictionary<string, string>>(
            ApiRoutes.ProcessSetting(app, key), new SetProcessSettingRequest(parse.GetValue(_value)), ct);
        Out.Step(settings.TryGetValue(key, out var value) ? $"Set {key} of {app} to {value}" : $"Unset {key} of {app} (the default applies)");
    }
}
