using System.Text;
using Microsoft.Win32.SafeHandles;
using Paas.Builds.Native;

namespace Paas.Builds.Driver;

/// <summary>
/// Reads the results dir once the build container is gone (nothing can change it any more). Each
/// file is taken only if it is a regular file, not a link (a build could point one at the host's
/// /etc/shadow), and only up to a size bound.
/// </summary>
internal static class DriverResultsReader
{
    private const int MaxStatusBytes = 64 * 1024;
    private const int MaxReleaseBytes = 256 * 1024;
    private const int MaxProcfileBytes = 64 * 1024;
    private const int MaxFieldLength = 200;

    public static DriverResults Read(string resultsDir)
    {
        var tried = new List<string>();
        var used = new List<(string, string)>();
        DriverFailure? failure = null;
        foreach (var line in (ReadBounded(Path.Combine(resultsDir, "status"), MaxStatusBytes) ?? "").Split('\n'))
        {
            var fields = line.Split('\t').Select(Clean).ToArray();
            switch (fields)
            {
                case ["tried", var name]: tried.Add(name); break;
                case ["used", var name, var label]: used.Add((name, label)); break;
                case ["failed", var step, var name, var code]: failure = new DriverFailure(step, name, code); break;
            }
        }

        return new DriverResults(tried, used, failure,
            ReadBounded(Path.Combine(resultsDir, "release.yml"), MaxReleaseBytes),
            ReadBounded(Path.Combine(resultsDir, "Procfile"), MaxProcfileBytes));
    }

    /// <summary>The file's text (at most <paramref name="maxBytes"/>), or null when it is missing or a link.</summary>
    private static string? ReadBounded(string path, int maxBytes)
    {
        var fd = LibC.OpenNoFollow(path);
        if (fd < 0) return null;
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        var buffer = new byte[maxBytes];
        var total = 0;
        try
        {
            int read;
            while (total < maxBytes && (read = RandomAccess.Read(handle, buffer.AsSpan(total), total)) > 0) total += read;
        }
        catch (Exception e) when (e is IOException or NotSupportedException or UnauthorizedAccessException)
        {
            return null; // a directory, a fifo without data: not a result
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    /// <summary>Fields end up in messages: no control characters, bounded length.</summary>
    private static string Clean(string field)
    {
        var clean = new string(field.Where(c => !char.IsControl(c)).ToArray());
        return clean.Length <= MaxFieldLength ? clean : clean[..MaxFieldLength] + "...";
    }
}
