namespace Paas.Cli.Commands.Ps;

/// <summary>A deploy waits for checks and a release command, which may take minutes: the CLI waits as long as paasd's own bounds.</summary>
public static class DeployTimeouts
{
    public static readonly TimeSpan Deploy = TimeSpan.FromMinutes(30);
}
