namespace Paas.Core.Ssh;

/// <summary>
/// How <c>paas ssh-command</c> and paasd carry one git exchange over paasd's unix socket.
/// <para>
/// The CLI sends <c>POST /api/v1/internal/ssh-git?app=APP&amp;service=receive-pack|upload-pack</c> with
/// <c>Connection: Upgrade</c>, <c>Upgrade: paas-git</c> and <see cref="KeyHeader"/>; paasd answers
/// <c>101 Switching Protocols</c> (or a problem+json refusal). From then on both directions carry frames:
/// </para>
/// <code>
/// kind (1 byte) | length (4 bytes, big-endian) | payload (length bytes, at most MaxPayload)
/// </code>
/// <para>
/// CLI → paasd: <see cref="SshGitFrameKind.Input"/> (git's stdin) and one empty <see cref="SshGitFrameKind.InputEnd"/>
/// when the SSH client's stdin ends. paasd → CLI: <see cref="SshGitFrameKind.Output"/> (git's stdout),
/// <see cref="SshGitFrameKind.Error"/> (a message for the user's stderr) and, last, <see cref="SshGitFrameKind.Exit"/>
/// with git's exit code as a 4-byte big-endian integer. Framing rather than raw bytes carries the exit code and
/// the end of input explicitly: a connection that ends without them is a client or server that went away,
/// and paasd then kills git so a half-received push never updates a ref.
/// </para>
/// </summary>
public static class SshGitWire
{
    public const string UpgradeProtocol = "paas-git";

    /// <summary>The SSH key id the forced command was started for; honoured on the unix socket only.</summary>
    public const string KeyHeader = "X-Paas-Ssh-Key";

    public const int MaxPayload = 64 * 1024;

    public const int HeaderLength = 5;
}
