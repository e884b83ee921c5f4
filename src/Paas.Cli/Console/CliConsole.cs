using System.Text;
using Microsoft.Win32.SafeHandles;

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

    /// <summary>Standard error as bytes, for what a remote command writes there.</summary>
    public Stream BinaryError { get; init; } = Stream.Null;

    /// <summary>True when standard input is a pipe, a socket or a file: `run` and `enter` then forward it to the command.</summary>
    public bool InputIsPiped { get; init; }

    /// <summary>True when standard output is a terminal, where binary output would garble the screen.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>True once the program reading standard output has exited; what is written after that is dropped.</summary>
    public Func<bool> OutputReaderGone { get; init; } = () => false;

    /// <summary>
    /// UTF-8 whatever the locale says, so <c>config:get</c> prints a value's exact bytes; no BOM is
    /// written or stripped. Standard output is buffered (a 1 MB value is one write) and flushed at exit.
    /// </summary>
    public static CliConsole FromSystem()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var stdout = OpenStandardOutput();
        return new CliConsole(
            new StreamReader(System.Console.OpenStandardInput(), utf8, detectEncodingFromByteOrderMarks: false),
            new StreamWriter(stdout, utf8) { NewLine = "\n" },
            new StreamWriter(System.Console.OpenStandardError(), utf8) { NewLine = "\n", AutoFlush = true },
            !System.Console.IsInputRedirected)
        {
            BinaryIn = System.Console.OpenStandardInput(),
            BinaryOut = stdout,
            BinaryError = System.Console.OpenStandardError(),
            InputIsPiped = IsPipedInput(),
            OutputReaderGone = () => stdout is StandardOutputStream { ReaderGone: true },
            OutputIsTerminal = !System.Console.IsOutputRedirected,
        };
    }

    /// <summary>A pipe, a socket or a regular file on fd 0; not a terminal, not /dev/null (nothing to forward there).</summary>
    private static bool IsPipedInput()
    {
        string? target;
        try
        {
            target = new FileInfo("/proc/self/fd/0").LinkTarget;
        }
        catch (IOException)
        {
            return false;
        }
        if (target is null) return false;
        if (target.StartsWith("pipe:", StringComparison.Ordinal) || target.StartsWith("socket:", StringComparison.Ordinal)) return true;
        return target.StartsWith('/') && !target.StartsWith("/dev/", StringComparison.Ordinal) && File.Exists(target);
    }

    /// <summary>
    /// .NET's console stream hides EPIPE, so nothing could tell that the reader of a pipe has gone; a FileStream
    /// on the pipe reports it. Only for pipes and sockets: on a regular file a FileStream writes at its own
    /// offset, which would not move the shell's (`{ paas apps:list; echo end; } > file`).
    /// </summary>
    private static Stream OpenStandardOutput()
    {
        const int standardOutput = 1;
        string? target;
        try
        {
            target = new FileInfo($"/proc/self/fd/{standardOutput}").LinkTarget;
        }
        catch (IOException)
        {
            target = null;
        }
        return target is not null && (target.StartsWith("pipe:", StringComparison.Ordinal) || target.StartsWith("socket:", StringComparison.Ordinal))
            ? new StandardOutputStream(new FileStream(new SafeFileHandle(standardOutput, ownsHandle: false), FileAccess.Write, bufferSize: 0))
            : System.Console.OpenStandardOutput();
    }
}
