namespace Paas.Core.Ssh;

/// <summary>
/// sshd's view of the keys: the paas user's authorized_keys, every line forcing <c>paas ssh-command KEYID</c>
/// with <c>restrict</c>. Replaced as a whole, atomically, from the state after each change.
/// </summary>
public interface IAuthorizedKeys
{
    Task WriteAsync(IReadOnlyList<SshKey> keys, CancellationToken ct);
}
