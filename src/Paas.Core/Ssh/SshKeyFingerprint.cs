namespace Paas.Core.Ssh;

/// <summary>What ssh-keygen says about a public key: its size in bits and its <c>SHA256:...</c> fingerprint.</summary>
public sealed record SshKeyFingerprint(int Bits, string Fingerprint);
