namespace Paas.Push.Tests.Deploys;

/// <summary>The host's processes as /proc shows them, for tests that check what outlives paasd.</summary>
internal static class HostProcesses
{
    /// <summary>Children of <paramref name="parent"/> with <paramref name="argument"/> among their command-line arguments.</summary>
    public static List<int> ChildrenNamed(int parent, string argument)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var ppid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                if (ppid == parent && File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0').Contains(argument)) found.Add(pid);
            }
            catch (IOException) { }
        }
        return found;
    }

    /// <summary>Live (not zombie) processes whose command line is exactly `sleep SECONDS`, in a container or not.</summary>
    public static List<int> Sleeping(int seconds)
    {
        var wanted = $"sleep\0{seconds}\0";
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")) != wanted) continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (!stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z')) found.Add(pid);
            }
            catch (IOException) { }
        }
        return found;
    }
}
