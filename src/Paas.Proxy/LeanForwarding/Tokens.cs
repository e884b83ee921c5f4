namespace Paas.Proxy.LeanForwarding;

/// <summary>Comma-separated header tokens (Connection), compared case-insensitively.</summary>
internal static class Tokens
{
    public static bool Contain(Microsoft.Extensions.Primitives.StringValues values, string token)
    {
        foreach (var value in values)
        {
            if (value is null) continue;
            foreach (var range in value.AsSpan().Split(','))
                if (value.AsSpan()[range].Trim(" \t").Equals(token, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
