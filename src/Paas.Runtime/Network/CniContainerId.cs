using System.Text.RegularExpressions;

namespace Paas.Runtime.Network;

/// <summary>CNI_CONTAINERID's grammar (CNI spec), with a length that keeps "paas-ID" and cache file names legal.</summary>
public static partial class CniContainerId
{
    public const int MaxLength = 128;

    public static bool IsValid(string containerId) =>
        containerId.Length <= MaxLength && Pattern().IsMatch(containerId);

    public static void EnsureValid(string containerId)
    {
        if (!IsValid(containerId))
        {
            throw new ArgumentException(
                $"container id '{containerId}' must start with a letter or digit, continue with letters, digits, '_', '.' or '-', and be at most {MaxLength} characters",
                nameof(containerId));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex Pattern();
}
