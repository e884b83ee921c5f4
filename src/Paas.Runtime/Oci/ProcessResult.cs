namespace Paas.Runtime.Oci;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);
