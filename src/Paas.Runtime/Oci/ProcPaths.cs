namespace Paas.Runtime.Oci;

/// <summary>Paths hidden from or frozen for the container (Docker's current lists, REFERENCE §2.3).</summary>
public static class ProcPaths
{
    public static IReadOnlyList<string> Masked { get; } =
    [
        "/proc/acpi", "/proc/asound", "/proc/interrupts", "/proc/kcore", "/proc/keys",
        "/proc/latency_stats", "/proc/sched_debug", "/proc/scsi", "/proc/timer_list",
        "/proc/timer_stats", "/sys/devices/virtual/powercap", "/sys/firmware", "/sys/fs/selinux",
        "/sys/dev/block",
    ];

    public static IReadOnlyList<string> ReadOnly { get; } =
        ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    /// <summary>Masked too: per-CPU thermal_throttle dirs leak power side channels (GHSA-6fw5-f8r9-fgfm).</summary>
    public static IEnumerable<string> ThermalThrottle()
    {
        const string cpus = "/sys/devices/system/cpu";
        if (!Directory.Exists(cpus)) yield break;
        foreach (var dir in Directory.EnumerateDirectories(cpus, "cpu*"))
        {
            var throttle = Path.Combine(dir, "thermal_throttle");
            if (Directory.Exists(throttle)) yield return throttle;
        }
    }
}
