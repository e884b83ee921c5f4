namespace Paas.Core.Containers;

/// <summary>Outcome of a command run inside a running container.</summary>
public sealed record ExecResult(int ExitCode, string Stdout, string Stderr);
