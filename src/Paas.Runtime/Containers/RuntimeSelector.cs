using Paas.Runtime.Cgroups;

namespace Paas.Runtime.Containers;

/// <summary>Picks the OCI runtime binary: runc by default, crun on pure v2 when asked or when "auto" finds it.</summary>
public static class RuntimeSelector
{
    private static readonly string[] SearchDirs = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    public static string Select(string runtime, ICgroupHierarchy cgroups)
    {
        if (runtime.StartsWith('/')) return runtime;
        if (runtime == "auto")
            return cgroups.IsV2 && Find("crun") is { } crun ? crun : Find("runc") ?? throw Missing("runc");
        if (runtime == "crun" && !cgroups.IsV2)
            throw new InvalidOperationException("crun refuses hybrid cgroup v1 hosts (\"cgroups in hybrid mode not supported\"): use runc here");
        return Find(runtime) ?? throw Missing(runtime);
    }

    private static string? Find(string name) =>
        SearchDirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static InvalidOperationException Missing(string name) =>
        new($"OCI runtime '{name}' is not installed: apt-get install {name}");
}
