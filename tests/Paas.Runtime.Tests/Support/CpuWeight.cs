namespace Paas.Runtime.Tests.Support;

/// <summary>
/// Raises a container's CPU weight (v1 cpu.shares / v2 cpu.weight) on it and on /paas for a
/// measurement: on a busy 2-core host other load would otherwise starve a quota-limited loop,
/// and the test would measure the neighbours rather than the quota. Dispose puts /paas back.
/// </summary>
public sealed class CpuWeight : IDisposable
{
    private readonly List<(string File, string Old)> _changed = [];

    public CpuWeight(string containerId)
    {
        var v2 = File.Exists("/sys/fs/cgroup/cgroup.controllers");
        var (root, file, value) = v2 ? ("/sys/fs/cgroup", "cpu.weight", "10000") : ("/sys/fs/cgroup/cpu", "cpu.shares", "262144");
        foreach (var dir in new[] { $"{root}/paas", $"{root}/paas/{containerId}" })
        {
            var path = Path.Combine(dir, file);
            Assert.True(File.Exists(path), $"{path} missing: is the cpu controller enabled?");
            _changed.Add((path, File.ReadAllText(path).Trim()));
            File.WriteAllText(path, value);
        }
    }

    public void Dispose()
    {
        foreach (var (file, old) in _changed)
            if (File.Exists(file)) File.WriteAllText(file, old);
    }
}
