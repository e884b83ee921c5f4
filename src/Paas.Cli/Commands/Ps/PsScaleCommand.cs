using System.CommandLine;
using System.Globalization;
using Paas.Cli.Console;
using Paas.Core.Contracts;
using Paas.Core.Formation;

namespace Paas.Cli.Commands.Ps;

public sealed class PsScaleCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string[]> _quantities = new("TYPE=N")
    {
        Description = "Desired container count per process type, for example web=2 worker=1",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public PsScaleCommand(CliContext cli)
        : base(cli, "ps:scale", "Set how many containers of each process type run (no TYPE=N: show the formation)")
    {
        Arguments.Add(_app);
        Arguments.Add(_quantities);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var quantities = ParseQuantities(parse.GetValue(_quantities) ?? []);
        FormationEntry[] formation;
        if (quantities.Count == 0)
        {
            formation = await Api.GetAsync<FormationEntry[]>(ApiRoutes.Formation(app), ct);
        }
        else
        {
            formation = await Api.PatchAsync<ScaleRequest, FormationEntry[]>(
                ApiRoutes.Formation(app), new ScaleRequest(quantities), ct);
            Out.Step($"Scaled {app}: {string.Join(' ', quantities.Select(q => $"{q.Key}={q.Value}"))}");
        }
        Out.Header($"{app} formation");
        if (formation.Length == 0) Out.Detail("none");
        foreach (var entry in formation)
            Out.Detail($"{entry.ProcessType}: {entry.Quantity}");
    }

    private static Dictionary<string, int> ParseQuantities(IEnumerable<string> words)
    {
        var quantities = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var eq = word.IndexOf('=');
            if (eq <= 0 || !int.TryParse(word.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
                throw CliException.Usage($"'{word}' is not TYPE=N: write a process type and a count, for example web=2");
            quantities[word[..eq]] = quantity;
        }
        return quantities;
    }
}
