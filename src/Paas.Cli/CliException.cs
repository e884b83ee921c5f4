namespace Paas.Cli;

/// <summary>An expected failure: its message is printed as one Dokku error line, without a stack trace.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Error) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(message, ExitCodes.Usage);

    /// <summary>Ends the command with <paramref name="exitCode"/> and prints nothing (a remote shell's `exit 3` says all there is).</summary>
    public static CliException Quiet(int exitCode) => new("", exitCode);
}
