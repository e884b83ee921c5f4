namespace Paas.Cli;

/// <summary>An expected failure: its message is printed as one Dokku error line, without a stack trace.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Error) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(message, ExitCodes.Usage);
}
