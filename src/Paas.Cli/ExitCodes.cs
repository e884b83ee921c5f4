namespace Paas.Cli;

/// <summary>The exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The request failed: paasd refused it, could not be reached, or the user aborted.</summary>
    public const int Error = 1;

    /// <summary>The command line itself is wrong: unknown command, missing or extra arguments, bad option.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl+C, as shells report a SIGINT.</summary>
    public const int Interrupted = 130;
}
