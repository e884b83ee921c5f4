using System.Text;

namespace Paas.Core.Config;

/// <summary>
/// How much config an app may hold. Each variable reaches the process as one <c>KEY=VALUE</c> string
/// of the environment, which the kernel caps at MAX_ARG_STRLEN (32 pages, 128 KiB, counting the NUL);
/// a larger one makes exec fail with E2BIG when the container starts, long after config:set said yes.
/// </summary>
public static class ConfigSize
{
    /// <summary>MAX_ARG_STRLEN on Linux with 4 KiB pages.</summary>
    public const int MaxEntryBytes = 128 * 1024;

    /// <summary>The bytes one variable takes in a process's environment: KEY=VALUE and its NUL.</summary>
    public static long EntryBytes(string key, string value) =>
        Encoding.UTF8.GetByteCount(key) + 1 + Encoding.UTF8.GetByteCount(value) + 1;

    public static long TotalBytes(IEnumerable<KeyValuePair<string, string>> config) =>
        config.Sum(c => EntryBytes(c.Key, c.Value));

    /// <summary>Null, or why this one variable cannot be set.</summary>
    public static string? EntryProblem(string key, string value)
    {
        var bytes = EntryBytes(key, value);
        return bytes <= MaxEntryBytes
            ? null
            : $"config value of '{key}' is too large ({bytes} bytes as {key}=VALUE): one variable may take at most {MaxEntryBytes} bytes " +
              "(128 KiB, the kernel's limit for one environment string); keep large data in a file or a service and put its location in config";
    }

    /// <summary>Null, or why an app's whole config of <paramref name="totalBytes"/> is too much.</summary>
    public static string? TotalProblem(long totalBytes, long maxTotalBytes) =>
        totalBytes <= maxTotalBytes
            ? null
            : $"config would take {totalBytes} bytes in all, over the limit of {maxTotalBytes} bytes per app (PAAS_MAX_CONFIG_BYTES): unset keys you no longer need or keep large values outside config";
}
