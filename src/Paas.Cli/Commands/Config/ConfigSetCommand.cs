using System.CommandLine;
using System.Text;
using Paas.Cli.Console;
using Paas.Core.Config;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Config;

public sealed class ConfigSetCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string[]> _pairs = new("KEY=VALUE")
    {
        Description = "Config vars to set; the value is everything after the first '='",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly Option<string> _stdin = new("--stdin")
    {
        Description = "Also set this key to all of standard input, exactly (UTF-8 text; "
            + "for values longer than a command line allows, such as certificates)",
        HelpName = "KEY",
    };
    private readonly Option<bool> _encoded = new("--encoded")
    {
        Description = "The values are base64 (as Dokku's config:set --encoded): decoded before they are set; "
            + "for values with newlines or quotes in scripts",
    };
    private readonly Option<bool> _noRestart = CommonSymbols.NoRestart();

    public ConfigSetCommand(CliContext cli) : base(cli, "config:set", "Set config vars (creates a new release if the app has one)")
    {
        Arguments.Add(_app);
        Arguments.Add(_pairs);
        Options.Add(_stdin);
        Options.Add(_encoded);
        Options.Add(_noRestart);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var set = ParsePairs(parse.GetValue(_pairs) ?? [], parse.GetValue(_encoded));
        if (parse.GetValue(_stdin) is { } stdinKey)
            set[stdinKey] = await Cli.Console.In.ReadToEndAsync(ct);
        if (set.Count == 0)
            throw CliException.Usage("nothing to set: give KEY=VALUE pairs or --stdin KEY");

        var noRestart = parse.GetValue(_noRestart);
        var result = await Api.PatchAsync<ConfigChangeRequest, ConfigChangeResult>(
            ApiRoutes.Config(app), new ConfigChangeRequest(set, null, noRestart), ct);

        Out.Step($"Setting config vars on {app}");
        foreach (var key in set.Keys)
            Out.Detail(key);
        ConfigChangeOutput.Print(Out, result, noRestart);
    }

    private static Dictionary<string, string> ParsePairs(IEnumerable<string> words, bool encoded)
    {
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            if (!ConfigAssignment.TryParse(word, out var key, out var value))
                throw CliException.Usage($"'{word}' is not KEY=VALUE: write it as KEY=VALUE (quote values with spaces)");
            set[key] = encoded ? Decode(key, value) : value;
        }
        return set;
    }

    // Strict: a value that is not base64 of UTF-8 text is refused, never set half-decoded.
    private static string Decode(string key, string base64)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(base64));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw CliException.Usage($"the value of '{key}' is not base64 of UTF-8 text (--encoded): encode it with `printf %s VALUE | base64 -w0`");
        }
    }
}
