using Paas.Runtime.Cgroups;

namespace Paas.Runtime.Tests.Support;

/// <summary>Proves a container left nothing on the host: files, mounts, cgroups, runtime state, monitor.</summary>
public static class LeftoverAssert
{
    public static void NothingLeft(ContainerHost host, string id)
    {
        Assert.False(Directory.Exists(Path.Combine(host.Paths.Containers, id)), $"container dir of {id} remains");
        Assert.False(Directory.Exists(Path.Combine(host.Paths.Writable, id)), $"writable layer of {id} remains");
        Assert.DoesNotContain(File.ReadLines("/proc/self/mountinfo"), l => l.Contains(id));
        Assert.False(CgroupHierarchy.Detect().Exists("/paas/" + id), $"cgroup /paas/{id} remains");
        foreach (var controller in Directory.GetDirectories("/sys/fs/cgroup"))
            Assert.False(Directory.Exists(Path.Combine(controller, "paas", id)), $"{controller}/paas/{id} remains");
        Assert.False(Directory.Exists(Path.Combine(host.Paths.RuntimeState, id)), $"runc state of {id} remains");
        Assert.False(File.Exists(Path.Combine(host.Paths.Run, "sock", id)), $"attach socket link of {id} remains");
        Assert.False(File.Exists(Path.Combine(host.Paths.Exits, id)), $"exit file of {id} remains");
        Assert.Empty(ProcessesMentioning(id));
    }

    /// <summary>No container dir or writable layer at all and nothing mounted below the containers dir: a failed create left nothing.</summary>
    public static void NoContainers(ContainerHost host)
    {
        var dirs = Directory.Exists(host.Paths.Containers) ? Directory.GetDirectories(host.Paths.Containers) : [];
        Assert.Empty(dirs);
        var layers = Directory.Exists(host.Paths.Writable) ? Directory.GetDirectories(host.Paths.Writable) : [];
        Assert.Empty(layers);
        Assert.DoesNotContain(File.ReadLines("/proc/self/mountinfo"), l => l.Contains(host.Paths.Containers));
        Assert.Empty(ProcessesMentioning(host.Paths.Containers));
    }

    public static List<int> ProcessesMentioning(string text)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text)) pids.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return pids;
    }
}
