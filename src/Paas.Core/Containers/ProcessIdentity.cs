using System.Globalization;

namespace Paas.Core.Containers;

/// <summary>
/// A process as it was when we recorded it: pid, start time (field 22 of /proc/PID/stat, clock
/// ticks since boot) and the boot it ran in. Pids are reused, by a later process or after a
/// reboot; the three together are not. A process is taken for alive only when all three match.
/// </summary>
public sealed record ProcessIdentity(int Pid, ulong StartTime, string BootId)
{
    private const string BootIdFile = "/proc/sys/kernel/random/boot_id";
    private const int StartTimeField = 22;

    private static readonly Lazy<string> CurrentBoot = new(() => File.ReadAllText(BootIdFile).Trim());

    public static string CurrentBootId => CurrentBoot.Value;

    /// <summary>The identity of a live process, or null if there is none (or only a zombie) with that pid.</summary>
    public static ProcessIdentity? Of(int pid) =>
        Read(pid) is { } start ? new ProcessIdentity(pid, start, CurrentBootId) : null;

    /// <summary>This very process still runs: same boot, same pid, same start time, not a zombie.</summary>
    public bool IsAlive() => BootId == CurrentBootId && Read(Pid) == StartTime;

    /// <summary>The start time of a live (not zombie) process.</summary>
    private static ulong? Read(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // The command name (field 2) is in parentheses and may hold spaces or ')': fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        const int firstField = 3;
        if (fields.Length <= StartTimeField - firstField || fields[0] is "Z" or "X") return null;
        return ulong.TryParse(fields[StartTimeField - firstField], NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : null;
    }
}
