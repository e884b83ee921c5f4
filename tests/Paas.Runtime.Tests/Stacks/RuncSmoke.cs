using System.Text.Json.Nodes;
using Paas.Core.Images;
using Paas.Runtime.Tests.Images;

namespace Paas.Runtime.Tests.Stacks;

/// <summary>
/// Runs one command in a throwaway runc container whose root is an overlay of a
/// <see cref="RootfsPlan"/>'s lower dirs plus its read-only binds, built by hand here (the real
/// bundle generator is the containers part's). Everything is removed again: container, cgroup,
/// mounts, dirs.
/// </summary>
public static class RuncSmoke
{
    public static (int ExitCode, string Output) Run(RootfsPlan plan, string workDir, uint uid, uint gid, params string[] args)
    {
        var id = $"paas-ctest-{Guid.NewGuid():N}"[..24];
        var bundle = Path.Combine(workDir, id);
        var rootfs = Path.Combine(bundle, "rootfs");
        var upper = Path.Combine(bundle, "upper");
        var work = Path.Combine(bundle, "work");
        var state = Path.Combine(workDir, "runc-state");
        foreach (var dir in new[] { rootfs, upper, work, state })
        {
            Directory.CreateDirectory(dir);
        }

        var mounted = false;
        try
        {
            Tool.Run("mount", "-t", "overlay", "overlay", "-o",
                $"lowerdir={string.Join(':', plan.LowerDirs)},upperdir={upper},workdir={work}", rootfs);
            mounted = true;
            File.WriteAllText(Path.Combine(bundle, "config.json"), Config(id, plan, uid, gid, args).ToJsonString());
            return Tool.RunWithExit("runc", "--root", state, "run", "--bundle", bundle, id);
        }
        finally
        {
            Tool.RunWithExit("runc", "--root", state, "delete", "--force", id);
            if (mounted)
            {
                Tool.Run("umount", rootfs);
            }

            Directory.Delete(bundle, recursive: true);
            Assert.False(Directory.Exists($"/sys/fs/cgroup/memory/{id}"), "runc left the container's cgroup behind");
        }
    }

    private static JsonObject Config(string id, RootfsPlan plan, uint uid, uint gid, string[] args)
    {
        var mounts = new JsonArray(
            Mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"),
            Mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
            Mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"));
        foreach (var bind in plan.BindMounts)
        {
            mounts.Add(Mount(bind.Destination, "bind", bind.Source, bind.ReadOnly ? ["rbind", "ro"] : ["rbind"]));
        }

        return new JsonObject
        {
            ["ociVersion"] = "1.0.2",
            ["process"] = new JsonObject
            {
                ["terminal"] = false,
                ["user"] = new JsonObject { ["uid"] = uid, ["gid"] = gid },
                ["args"] = new JsonArray([.. args.Select(a => JsonValue.Create(a))]),
                ["env"] = new JsonArray("PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/home/app"),
                ["cwd"] = "/",
                ["noNewPrivileges"] = true,
                ["capabilities"] = new JsonObject
                {
                    ["bounding"] = new JsonArray(), ["effective"] = new JsonArray(), ["permitted"] = new JsonArray(), ["ambient"] = new JsonArray(),
                },
            },
            ["root"] = new JsonObject { ["path"] = "rootfs", ["readonly"] = false },
            ["hostname"] = "smoke",
            ["mounts"] = mounts,
            ["linux"] = new JsonObject
            {
                ["cgroupsPath"] = "/" + id,
                ["namespaces"] = new JsonArray(
                    Namespace("pid"), Namespace("ipc"), Namespace("uts"), Namespace("mount"), Namespace("network")),
            },
        };
    }

    private static JsonObject Mount(string destination, string type, string source, params string[] options) => new()
    {
        ["destination"] = destination,
        ["type"] = type,
        ["source"] = source,
        ["options"] = new JsonArray([.. options.Select(o => JsonValue.Create(o))]),
    };

    private static JsonObject Namespace(string type) => new() { ["type"] = type };
}
