using System.CommandLine;
using Paas.Cli.Console;

namespace Paas.Cli.Commands;

/// <summary>
/// Dokku's plugin setter, `NOUN:set APP KEY [VALUE]` and `NOUN:set --global KEY [VALUE]`: no value
/// unsets (the global value or the default applies). Subclasses say where each goes.
/// </summary>
public abstract class SettingSetCommand : PaasCommand
{
    private readonly Argument<string> _first = new("APP|KEY") { Description = "The app (or, with --global, the key)" };
    private readonly Argument<string[]> _rest;
    private readonly Option<bool> _global;
    private readonly string _noun;
    private readonly string _example;
    private readonly string _globalExample;
    private readonly string _unsetMeans;

    /// <param name="noun">How output names the settings: "build", "checks".</param>
    /// <param name="example">"myapp timeout 30m"; <paramref name="globalExample"/>: "parallel 2".</param>
    /// <param name="unsetMeans">What an app's unset key falls back to, for the output.</param>
    protected SettingSetCommand(CliContext cli, string name, string description, string keys, string globalDescription,
        string noun, string example, string globalExample, string unsetMeans = "the default applies") : base(cli, name, description)
    {
        _rest = new Argument<string[]>("KEY [VALUE]") { Description = keys + ". No value: back to the default", Arity = new ArgumentArity(0, 2) };
        _global = new Option<bool>("--global") { Description = globalDescription };
        _noun = noun;
        _example = example;
        _globalExample = globalExample;
        _unsetMeans = unsetMeans;
        Arguments.Add(_first);
        Arguments.Add(_rest);
        Options.Add(_global);
    }

    protected abstract Task PutAsync(string app, string key, string? value, CancellationToken ct);

    protected abstract Task PutGlobalAsync(string key, string? value, CancellationToken ct);

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var first = parse.GetRequiredValue(_first);
        var rest = parse.GetValue(_rest) ?? [];
        if (parse.GetValue(_global))
        {
            if (rest.Length > 1) throw CliException.Usage($"with --global give KEY [VALUE], for example `{Name} --global {_globalExample}`");
            var value = rest.Length == 1 ? rest[0] : null;
            await PutGlobalAsync(first, value, ct);
            Out.Step(value is null ? $"Unset the global {_noun} {first} (the default applies)" : $"Set the global {_noun} {first} to {value}");
            return;
        }
        if (rest.Length == 0) throw CliException.Usage($"give APP KEY [VALUE], for example `{Name} {_example}`");
        var key = rest[0];
        var newValue = rest.Length == 2 ? rest[1] : null;
        await PutAsync(first, key, newValue, ct);
        Out.Step(newValue is null
            ? $"Unset the {_noun} {key} of {first} ({_unsetMeans})"
            : $"Set the {_noun} {key} of {first} to {newValue}");
    }
}
