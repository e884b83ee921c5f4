namespace Paas.Core.Ssh;

/// <summary>
/// A public key as stored: <see cref="PublicKey"/> is normalised to <c>TYPE BASE64</c> (no options, no
/// comment), <see cref="Fingerprint"/> is OpenSSH's <c>SHA256:...</c>.
/// </summary>
public sealed record SshKey(
    long Id,
    string Name,
    long UserId,
    string UserName,
    string PublicKey,
    string Fingerprint,
    DateTimeOffset CreatedAt);
