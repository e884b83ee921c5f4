using System.Globalization;

namespace Paas.Browser.Tests;

/// <summary>A process's resident memory as the budget counts it (VmRSS of /proc/PID/status).</summary>
internal static class ProcessMemory
{
    public static double ResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }
}
