namespace Paas.Runtime.Network;

internal sealed record ProcessOutput(int ExitCode, string Stdout, string Stderr);
