using System.Security.Cryptography;

namespace Paas.Runtime.Containers;

/// <summary>Container ids: 16 random lowercase hex digits, short enough for conmon's socket paths.</summary>
public static class ContainerIds
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Could name a container (lowercase hex, at most 64 digits): nothing else is looked up by it, no path is built from anything else.</summary>
    public static bool IsValid(string id) => id.Length is > 0 and <= 64 && id.All(char.IsAsciiHexDigitLower);
}
