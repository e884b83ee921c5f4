namespace Paas.Runtime.Cgroups;

/// <summary>Small pure readers for cgroup file formats.</summary>
internal static class CgroupFiles
{
    public static long? ReadLong(string file)
    {
        if (!File.Exists(file)) return null;
        var text = File.ReadAllText(file).Trim();
        if (text == "max") return null;
        return long.TryParse(text, out var v) ? v : null;
    }

    /// <summary>The value of "key value" in a flat-keyed file (memory.events, cpu.stat, memory.oom_control).</summary>
    public static long? ReadKey(string file, string key)
    {
        if (!File.Exists(file)) return null;
        foreach (var line in File.ReadLines(file))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], out var v)) return v;
        }
        return null;
    }

    /// <summary>rmdir the tree bottom-up: cgroup dirs cannot be removed recursively, only leaf by leaf.</summary>
    public static void RemoveTree(string dir)
    {
        if (!Directory.Exists(dir)) return;
        foreach (var child in Directory.GetDirectories(dir)) RemoveTree(child);
        try { Directory.Delete(dir); }
        catch (DirectoryNotFoundException) { }
        catch (IOException e) { throw new IOException($"cannot remove cgroup {dir}: {e.Message}", e); }
    }
}
