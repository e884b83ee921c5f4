namespace Paas.Cli.Console;

/// <summary>
/// The three streams a command may use. Passed in rather than taken from <see cref="System.Console"/>
/// so the whole CLI can run in-process in tests.
/// </summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool InputIsTerminal = false)
{
    public static CliConsole FromSystem() =>
        new(System.Console.In, System.Console.Out, System.Console.Error, !System.Console.IsInputRedirected);
}
