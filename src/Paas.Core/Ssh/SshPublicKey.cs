using System.Buffers.Binary;
using System.Text;
using Paas.Core.Errors;

namespace Paas.Core.Ssh;

/// <summary>
/// A public key as a user pastes it (<c>TYPE BASE64 [COMMENT]</c>, one line of a .pub file), checked and
/// normalised to <c>TYPE BASE64</c>. Everything that would change what an authorized_keys line means is
/// refused here: options, a second line, a private key. ssh-keygen then checks the key material itself.
/// </summary>
public sealed record SshPublicKey(string Type, string Base64)
{
    /// <summary>What OpenSSH 9 accepts for user keys; DSA is disabled there, certificates are not keys.</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ];

    /// <summary>Far above any real key (a 16384-bit RSA key is about 2.8 kB of base64).</summary>
    public const int MaxLength = 16 * 1024;

    private const string Field = "key";

    public string Line => $"{Type} {Base64}";

    public static SshPublicKey Parse(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
            throw Invalid("the key is empty: give the contents of a public key file, e.g. `paas ssh-keys:add laptop - < ~/.ssh/id_ed25519.pub`");
        if (trimmed.Length > MaxLength)
            throw Invalid($"the key is {trimmed.Length} characters long, more than any public key ({MaxLength}): give the contents of a .pub file");
        if (trimmed.Contains("PRIVATE KEY", StringComparison.Ordinal))
            throw Invalid("this is a private key: give the public key (the .pub file, e.g. ~/.ssh/id_ed25519.pub) and keep the private key secret");
        var lines = trimmed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length > 1)
            throw Invalid($"the input holds {lines.Length} lines: give one public key per `paas ssh-keys:add`");

        var fields = trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var type = fields[0];
        if (!Types.Contains(type, StringComparer.Ordinal))
        {
            throw Invalid(LooksLikeOptions(type)
                ? $"the key starts with authorized_keys options ('{Shorten(type)}'): give the key alone (TYPE BASE64 [COMMENT]); paas sets the options itself"
                : $"unknown key type '{Shorten(type)}': give a public key of type {string.Join(", ", Types)}");
        }
        if (fields.Length < 2)
            throw Invalid($"the key has its type ({type}) but no key data after it: give the whole line of the .pub file");
        var base64 = fields[1];
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw Invalid($"the key data after '{type}' is not base64: give the whole line of the .pub file, unchanged");
        }
        if (BlobType(blob) != type)
            throw Invalid($"the key data is not a {type} key (the line was changed, or its type does not match its data): give the line of the .pub file unchanged");
        return new SshPublicKey(type, base64);
    }

    /// <summary>The key blob starts with its own type as an SSH string (uint32 length, bytes).</summary>
    private static string? BlobType(byte[] blob)
    {
        if (blob.Length < 4) return null;
        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        return length <= (uint)(blob.Length - 4) ? Encoding.ASCII.GetString(blob, 4, (int)length) : null;
    }

    private static bool LooksLikeOptions(string word) =>
        word.Contains('=') || word.Contains(',') || word.Contains('"')
        || word is "restrict" or "cert-authority" or "no-pty" or "no-port-forwarding" or "no-agent-forwarding" or "no-X11-forwarding" or "no-user-rc" or "pty";

    private static string Shorten(string word) => word.Length <= 40 ? word : word[..40] + "...";

    private static ValidationException Invalid(string message) => new(Field, message);
}
