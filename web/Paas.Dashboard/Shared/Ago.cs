using System.Globalization;

namespace Paas.Dashboard.Shared;

/// <summary>"3 min ago": times as people read them in a list.</summary>
public static class Ago
{
    public static string Of(DateTimeOffset at) => Of(at, DateTimeOffset.UtcNow);

    public static string Of(DateTimeOffset at, DateTimeOffset now)
    {
        var elapsed = now - at;
        if (elapsed < TimeSpan.FromMinutes(1)) return "just now";
        if (elapsed < TimeSpan.FromHours(1)) return $"{(int)elapsed.TotalMinutes} min ago";
        if (elapsed < TimeSpan.FromDays(1)) return $"{(int)elapsed.TotalHours} h ago";
        if (elapsed < TimeSpan.FromDays(30)) return $"{(int)elapsed.TotalDays} d ago";
        return at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
