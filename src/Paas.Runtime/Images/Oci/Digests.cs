using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Paas.Core.Images;

namespace Paas.Runtime.Images.Oci;

/// <summary>"sha256:&lt;64 lower-case hex&gt;" content digests, the only algorithm this store uses.</summary>
internal static partial class Digests
{
    public const string Sha256Prefix = "sha256:";

    public static bool IsValid(string? digest) => digest is not null && Pattern().IsMatch(digest);

    /// <summary>The hex part, after checking the digest is well formed (a digest names a file, so this guards paths).</summary>
    public static string Hex(string digest) =>
        IsValid(digest) ? digest[Sha256Prefix.Length..] : throw new InvalidImageException($"malformed digest '{digest}': expected sha256:<64 hex digits>");

    public static string FromHash(byte[] hash) => Sha256Prefix + Convert.ToHexStringLower(hash);

    public static string Of(byte[] content) => FromHash(SHA256.HashData(content));

    [GeneratedRegex(@"^sha256:[0-9a-f]{64}\z")]
    private static partial Regex Pattern();
}
