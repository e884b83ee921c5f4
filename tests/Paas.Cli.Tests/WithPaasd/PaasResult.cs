namespace Paas.Cli.Tests.WithPaasd;

public sealed record PaasResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Everything a failed assertion needs to explain itself.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
