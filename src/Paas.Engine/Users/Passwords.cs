using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Paas.Core.Auth;
using Paas.Core.Errors;

namespace Paas.Engine.Users;

/// <summary>
/// Hashing with ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, salted, its format versioned so
/// a stronger default later rehashes at the next login), generated passwords, and the length rule.
/// </summary>
public static class Passwords
{
    public const int MinLength = 10;

    /// <summary>PBKDF2 of a megabyte would tie up a core: nobody types that much.</summary>
    public const int MaxLength = 1024;

    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>Verified against when the user does not exist, so a wrong name costs as long as a wrong password.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => Hash(Generate()));

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static PasswordVerificationResult Verify(string? hash, string password)
    {
        if (hash is null)
        {
            Hasher.VerifyHashedPassword(null!, DecoyHash.Value, password);
            return PasswordVerificationResult.Failed;
        }
        return Hasher.VerifyHashedPassword(null!, hash, password);
    }

    /// <summary>24 characters of base64url: 144 random bits, safe to paste into a shell or a form.</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    public static string NewSecurityStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static void Validate(string password)
    {
        if (password.Length < MinLength)
            throw new ValidationException("password", $"the password is too short: use at least {MinLength} characters, or leave it out to have one generated");
        if (password.Length > MaxLength)
            throw new ValidationException("password", $"the password is too long: use at most {MaxLength} characters");
        if (password.Any(char.IsControl))
            throw new ValidationException("password", "the password holds a control character (a newline?): give it on one line");
    }
}
