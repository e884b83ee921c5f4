using System.Security.Cryptography;

namespace Paas.Runtime.Containers;

/// <summary>Container ids: 16 random lowercase hex digits, short enough for conmon's socket paths.</summary>
public static class ContainerIds
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
