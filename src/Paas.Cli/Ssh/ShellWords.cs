using System.Text;

namespace Paas.Cli.Ssh;

/// <summary>
/// Splits SSH_ORIGINAL_COMMAND into words the way a POSIX shell would for plain words and quotes (git sends
/// <c>git-receive-pack 'APP'</c>), without ever running one. Whatever a shell would treat as more than quoting
/// (<c>; &amp; | &lt; &gt; ( ) $ `</c>, a comment, a line break) is refused rather than passed on as text, so a command
/// never means something other than what the user would expect from typing it into a shell.
/// </summary>
public static class ShellWords
{
    private const string Operators = ";&|<>()";

    public static IReadOnlyList<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t':
                    if (inWord) words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                    break;
                case '\n' or '\r':
                    throw Refused("holds a line break: give one command");
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0) throw Refused("has a ' without its closing '");
                    word.Append(text, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    i = DoubleQuoted(text, i + 1, word);
                    inWord = true;
                    break;
                case '\\':
                    if (i + 1 == text.Length) throw Refused("ends with a lone backslash");
                    word.Append(text[++i]);
                    inWord = true;
                    break;
                case '$' or '`':
                    throw Refused($"uses {c}, which a shell would expand: quote it with '...'");
                case '#' when !inWord:
                    throw Refused("holds a # comment: quote a value that starts with # with '...'");
                default:
                    if (Operators.Contains(c))
                        throw Refused($"uses the shell operator {c}: run one command at a time, and quote values that hold {c} with '...'");
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }

    /// <summary>Inside "...", a backslash escapes only " \ $ ` (POSIX); $ and ` unescaped would expand. Returns the closing quote's index.</summary>
    private static int DoubleQuoted(string text, int start, StringBuilder word)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"') return i;
            if (c is '$' or '`') throw Refused($"uses {c} inside \"...\", which a shell would expand: use '...' instead");
            if (c is '\n' or '\r') throw Refused("holds a line break: give one command");
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
                c = text[++i];
            word.Append(c);
        }
        throw Refused("has a \" without its closing \"");
    }

    private static CliException Refused(string problem) => CliException.Usage($"the SSH command {problem}");
}
