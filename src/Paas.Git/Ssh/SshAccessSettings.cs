namespace Paas.Git.Ssh;

/// <summary>
/// Where sshd finds the keys and what it runs for them.
/// </summary>
/// <param name="User">The system user git and plain commands log in as (paas@HOST); it owns the file.</param>
/// <param name="AuthorizedKeysPath">The file to write; null for the user's home/.ssh/authorized_keys.</param>
/// <param name="CliPath">The paas executable sshd starts as the forced command.</param>
/// <param name="SocketPath">paasd's unix socket, passed to the forced command so it reaches this paasd.</param>
public sealed record SshAccessSettings(string User, string? AuthorizedKeysPath, string CliPath, string SocketPath);
