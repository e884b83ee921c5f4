using System.CommandLine;
using System.CommandLine.Parsing;

namespace Paas.Cli.Commands.Run;

/// <summary>
/// The command line a user wants run in a container, as typed after the app (and the dyno): every
/// token in order, `-x` style ones included, so that `paas run APP ls -la` runs `ls -la`. Options
/// of paas itself (--env, --ttl-seconds) count only before the first word of that command; `--`
/// ends them explicitly.
/// </summary>
public static class CommandLineTail
{
    public static IReadOnlyList<string> After(ParseResult parse, int positionals, IReadOnlyCollection<Option> ownOptions) =>
        After(parse, positionals, ownOptions, [], out _);

    /// <summary>
    /// <paramref name="ownFlags"/> take no value (`-t`), though one of true or false may follow them;
    /// <paramref name="flagsGiven"/> are those given before the command (`paas run APP ls -t` gives none).
    /// </summary>
    public static IReadOnlyList<string> After(ParseResult parse, int positionals, IReadOnlyCollection<Option> ownOptions, IReadOnlyCollection<Option> ownFlags,
        out IReadOnlySet<Option> flagsGiven)
    {
        var names = ownOptions.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        var flags = ownFlags.SelectMany(o => o.Aliases.Append(o.Name).Select(name => (name, o))).ToDictionary(x => x.name, x => x.o, StringComparer.Ordinal);
        var given = new HashSet<Option>();
        flagsGiven = given;
        var tokens = parse.Tokens.ToList();
        var tail = new List<string>();
        var seenPositionals = 0;
        var started = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (started)
            {
                tail.Add(token.Value);
                continue;
            }
            if (token.Type == TokenType.Command) continue;
            if (token.Type == TokenType.DoubleDash)
            {
                started = seenPositionals >= positionals;
                continue;
            }
            if (flags.TryGetValue(token.Value, out var flag))
            {
                var value = i + 1 < tokens.Count && tokens[i + 1].Value is "true" or "false" ? tokens[++i].Value : "true";
                if (value == "true") given.Add(flag);
                continue;
            }
            if (names.Contains(token.Value))
            {
                i++; // the option's value
                continue;
            }
            if (seenPositionals < positionals)
            {
                seenPositionals++;
                continue;
            }
            started = true;
            tail.Add(token.Value);
        }
        return tail;
    }
}
