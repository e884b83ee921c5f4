namespace Paas.Core.Ssh;

/// <summary>OpenSSH's own judgement of a public key (ssh-keygen), so paas accepts exactly what sshd will.</summary>
public interface ISshKeyInspector
{
    /// <summary>Throws <see cref="Errors.ValidationException"/> when OpenSSH does not accept the key.</summary>
    Task<SshKeyFingerprint> InspectAsync(SshPublicKey key, CancellationToken ct);
}
