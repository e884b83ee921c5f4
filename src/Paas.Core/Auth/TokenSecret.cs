using System.Security.Cryptography;

namespace Paas.Core.Auth;

/// <summary>API token secrets: 32 random bytes, shown once; only the SHA-256 is stored.</summary>
public static class TokenSecret
{
    public const string Prefix = "paas_";

    public static string New() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}
