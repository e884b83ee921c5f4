using System.Text;

namespace Paas.Cli.Console;

/// <summary>
/// The standard streams a command may use, as text and as bytes. Passed in rather than taken from <see cref="System.Console"/>
/// so the whole CLI can run in-process in tests.
/// </summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool InputIsTerminal = false)
{
    /// <summary>Standard input as bytes, for archives; <see cref="In"/> must not have been read from.</summary>
    public Stream BinaryIn { get; init; } = Stream.Null;

    /// <summary>Standard output as bytes, for archives; <see cref="Out"/> is flushed before this is written.</summary>
    public Stream BinaryOut { get; init; } = Stream.Null;

    /// <summary>True when standard output is a terminal, where binary output would garble the screen.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>
    /// UTF-8 whatever the locale says, so <c>config:get</c> prints a value's exact bytes; no BOM is
    /// written or stripped. Standard output is buffered (a 1 MB value is one write) and flushed at exit.
    /// </summary>
    public static CliConsole FromSystem()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        return new CliConsole(
            new StreamReader(System.Console.OpenStandardInput(), utf8, detectEncodingFromByteOrderMarks: false),
            new StreamWriter(System.Console.OpenStandardOutput(), utf8) { NewLine = "\n" },
            new StreamWriter(System.Console.OpenStandardError(), utf8) { NewLine = "\n", AutoFlush = true },
            !System.Console.IsInputRedirected)
        {
            BinaryIn = System.Console.OpenStandardInput(),
            BinaryOut = System.Console.OpenStandardOutput(),
            OutputIsTerminal = !System.Console.IsOutputRedirected,
        };
    }
}
