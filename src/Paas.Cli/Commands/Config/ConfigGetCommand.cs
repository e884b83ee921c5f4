using System.CommandLine;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Config;

public sealed class ConfigGetCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string> _key = new("KEY") { Description = "The config var to print" };

    public ConfigGetCommand(CliContext cli)
        : base(cli, "config:get", "Print one config value exactly, followed by a newline (exit 1 if unset)")
    {
        Arguments.Add(_app);
        Arguments.Add(_key);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var value = await Api.GetAsync<ConfigValue>(
            ApiRoutes.ConfigKey(parse.GetRequiredValue(_app), parse.GetRequiredValue(_key)), ct);
        // Exactly the value and one "\n", which $(...) strips, so scripts get the value back unchanged.
        Out.Write(value.Value);
        Out.Write('\n');
    }
}
