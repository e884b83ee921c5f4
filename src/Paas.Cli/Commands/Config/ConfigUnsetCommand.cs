using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Config;

public sealed class ConfigUnsetCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string[]> _keys = new("KEY")
    {
        Description = "Config vars to remove",
        Arity = ArgumentArity.OneOrMore,
    };
    private readonly Option<bool> _noRestart = CommonSymbols.NoRestart();

    public ConfigUnsetCommand(CliContext cli) : base(cli, "config:unset", "Remove config vars (creates a new release if the app has one)")
    {
        Arguments.Add(_app);
        Arguments.Add(_keys);
        Options.Add(_noRestart);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var keys = parse.GetRequiredValue(_keys).Distinct(StringComparer.Ordinal).ToArray();
        var noRestart = parse.GetValue(_noRestart);
        var result = await Api.PatchAsync<ConfigChangeRequest, ConfigChangeResult>(
            ApiRoutes.Config(app), new ConfigChangeRequest(null, keys, noRestart), ct);

        Out.Step($"Unsetting config vars on {app}");
        foreach (var key in keys)
            Out.Detail(key);
        ConfigChangeOutput.Print(Out, result, noRestart);
    }
}
