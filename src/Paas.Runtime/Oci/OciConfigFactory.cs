using System.Text.Json.Nodes;
using Paas.Runtime.UserNamespaces;

namespace Paas.Runtime.Oci;

/// <summary>
/// Generates a hardened OCI config.json (DESIGN §5, REFERENCE §2.3): no new privileges, capabilities
/// only for root and never inheritable, masked and read-only /proc paths, a seccomp allow-list,
/// a minimal /dev tmpfs, and cgroup limits under an absolute path. With a user namespace mapping
/// the container's root is an unprivileged host uid (docs/USER-NAMESPACES.md).
/// </summary>
public static class OciConfigFactory
{
    /// <summary>runc 1.1.5 speaks runtime-spec 1.0.2; newer fields would be ignored silently.</summary>
    public const string OciVersion = "1.0.2";

    private const long CpuPeriodMicros = 100_000;

    public static JsonObject Create(OciBundlePlan plan)
    {
        var caps = Capabilities.For(plan.Process.Uid);
        var config = new JsonObject
        {
            ["ociVersion"] = OciVersion,
            ["process"] = Process(plan, caps),
            ["root"] = new JsonObject { ["path"] = plan.RootfsPath, ["readonly"] = false },
            ["hostname"] = plan.Hostname,
            ["mounts"] = Mounts(plan),
            ["annotations"] = new JsonObject(plan.Annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
            ["linux"] = new JsonObject
            {
                ["namespaces"] = Namespaces(plan),
                ["cgroupsPath"] = plan.CgroupsPath,
                ["resources"] = Resources(plan),
                ["maskedPaths"] = Strings(ProcPaths.Masked.Concat(ProcPaths.ThermalThrottle()).Concat(SysSubmounts(plan))),
                ["readonlyPaths"] = Strings(ProcPaths.ReadOnly),
                ["seccomp"] = SeccompProfile.For(caps.ToHashSet()),
                ["rootfsPropagation"] = "private",
            },
        };
        if (plan.UserNamespace is { } userns)
        {
            config["linux"]!["uidMappings"] = new JsonArray(IdMapping(userns.HostUid, userns.Count));
            config["linux"]!["gidMappings"] = new JsonArray(IdMapping(userns.HostGid, userns.Count));
        }
        return config;
    }

    private static JsonObject IdMapping(uint hostId, uint count) => new()
    {
        ["containerID"] = 0,
        ["hostID"] = hostId,
        ["size"] = count,
    };

    /// <summary>
    /// Container root may mount a sysfs only for a network namespace its own user namespace owns.
    /// A CNI namespace (made by the host) or the host's one is not: the host's /sys is bound
    /// read-only instead (what Podman does for rootless containers).
    /// </summary>
    private static bool BindsHostSys(OciBundlePlan plan) =>
        plan.UserNamespace is not null && (plan.NetnsPath is not null || plan.HostNetwork);

    /// <summary>
    /// A recursive bind of /sys brings the host's mounts below it along, and runc 1.1.5 makes only
    /// the top one read-only: mask the ones runc does not cover itself (it mounts its own /sys/fs/cgroup).
    /// </summary>
    private static IEnumerable<string> SysSubmounts(OciBundlePlan plan)
    {
        if (!BindsHostSys(plan)) return [];
        return File.ReadLines("/proc/self/mountinfo")
            .Select(l => l.Split(' '))
            .Where(f => f.Length > 4)
            .Select(f => f[4].Replace("\\040", " "))
            .Where(m => m.StartsWith("/sys/", StringComparison.Ordinal) && m != "/sys/fs/cgroup" && !m.StartsWith("/sys/fs/cgroup/", StringComparison.Ordinal))
            .Distinct()
            .ToList();
    }

    private static JsonObject Process(OciBundlePlan plan, IReadOnlyList<string> caps)
    {
        var p = plan.Process;
        var process = new JsonObject
        {
            ["terminal"] = p.Terminal,
            ["user"] = new JsonObject
            {
                ["uid"] = p.Uid,
                ["gid"] = p.Gid,
                ["additionalGids"] = new JsonArray(p.AdditionalGids.Select(g => (JsonNode)JsonValue.Create(g)).ToArray()),
            },
            ["args"] = Strings(p.Args),
            ["env"] = Strings(p.Env),
            ["cwd"] = p.Cwd,
            ["capabilities"] = new JsonObject
            {
                ["bounding"] = Strings(caps),
                ["effective"] = Strings(caps),
                ["permitted"] = Strings(caps),
                // Never inheritable (CVE-2022-24769) and never ambient.
                ["inheritable"] = new JsonArray(),
                ["ambient"] = new JsonArray(),
            },
            // Never above our own hard limit: without CAP_SYS_RESOURCE runc's setrlimit would fail.
            ["rlimits"] = new JsonArray(new JsonObject
            {
                ["type"] = "RLIMIT_NOFILE",
                ["soft"] = plan.OpenFilesLimit,
                ["hard"] = plan.OpenFilesLimit,
            }),
            ["noNewPrivileges"] = true,
            ["oomScoreAdj"] = 0,
        };
        if (p.ConsoleSize is { } size)
            process["consoleSize"] = new JsonObject { ["height"] = size.Rows, ["width"] = size.Columns };
        return process;
    }

    private static JsonArray Mounts(OciBundlePlan plan)
    {
        var mounts = new JsonArray
        {
            Mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"),
            Mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
            Mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"),
            Mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"),
            Mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"),
            BindsHostSys(plan)
                ? Mount("/sys", "bind", "/sys", "rbind", "nosuid", "noexec", "nodev", "ro")
                : Mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"),
            Mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro"),
        };
        foreach (var bind in plan.Binds)
        {
            var options = new List<string> { "bind", "nosuid", "nodev", "private" };
            if (bind.ReadOnly) options.Add("ro");
            if (plan.UserNamespace is not null) options.AddRange(LockedMountFlags.For(bind.Source).Except(options));
            mounts.Add(Mount(bind.Destination, "bind", bind.Source, options.ToArray()));
        }
        return mounts;
    }

    private static JsonArray Namespaces(OciBundlePlan plan)
    {
        var namespaces = new JsonArray { Ns("pid"), Ns("ipc"), Ns("uts"), Ns("mount") };
        // First, so the other namespaces runc creates are owned by it (a network namespace it
        // makes too: then container root may mount its sysfs and bind low ports).
        if (plan.UserNamespace is not null) namespaces.Insert(0, Ns("user"));
        if (plan.CgroupV2) namespaces.Add(Ns("cgroup"));
        if (plan.NetnsPath is not null)
        {
            var ns = Ns("network");
            ns["path"] = plan.NetnsPath;
            namespaces.Add(ns);
        }
        else if (!plan.HostNetwork)
        {
            namespaces.Add(Ns("network"));
        }
        return namespaces;
    }

    private static JsonObject Resources(OciBundlePlan plan)
    {
        var resources = new JsonObject
        {
            ["devices"] = new JsonArray(new JsonObject { ["allow"] = false, ["access"] = "rwm" }),
        };
        if (plan.Limits.MemoryBytes is { } memory)
        {
            var mem = new JsonObject { ["limit"] = memory };
            // swap = memory means memory + swap may not exceed the limit: no swapping.
            if (plan.SwapAccounting) mem["swap"] = memory;
            resources["memory"] = mem;
        }
        if (plan.Limits.Cpus is { } cpus)
        {
            resources["cpu"] = new JsonObject
            {
                ["quota"] = (long)Math.Round(cpus * CpuPeriodMicros),
                ["period"] = CpuPeriodMicros,
            };
        }
        if (plan.Limits.Pids is { } pids)
            resources["pids"] = new JsonObject { ["limit"] = pids };
        return resources;
    }

    private static JsonObject Ns(string type) => new() { ["type"] = type };

    private static JsonObject Mount(string destination, string type, string source, params string[] options) => new()
    {
        ["destination"] = destination,
        ["type"] = type,
        ["source"] = source,
        ["options"] = Strings(options),
    };

    private static JsonArray Strings(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
