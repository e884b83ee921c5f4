using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Checks;

/// <summary>checks:disable|enable|skip APP [TYPES]: the same arguments and output, a different change.</summary>
public abstract class ChecksProcessTypesCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string[]> _types = new("TYPES")
    {
        Description = "Process types, comma-separated as in Dokku (web,worker); none: all of them",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly string _doing;

    protected ChecksProcessTypesCommand(CliContext cli, string name, string description, string doing) : base(cli, name, description)
    {
        _doing = doing;
        Arguments.Add(_app);
        Arguments.Add(_types);
    }

    protected abstract string Route(string app);

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var types = parse.GetValue(_types) ?? [];
        var view = await Api.PostAsync<CheckProcessTypesRequest, CheckSettingsView>(Route(app), new CheckProcessTypesRequest(types), ct);
        var named = string.Join(',', types.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        Out.Step(named.Length == 0 || named == "_all_" ? $"{_doing} zero downtime for app ({app})" : $"{_doing} zero downtime for app's ({app}) proctypes ({named})");
        Out.Detail($"Checks disabled list: {view.Disabled.Text}");
        Out.Detail($"Checks skipped list: {view.Skipped.Text}");
    }
}
