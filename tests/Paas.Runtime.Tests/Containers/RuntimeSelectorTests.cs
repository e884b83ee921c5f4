using Paas.Runtime.Cgroups;

using Paas.Runtime.Containers;

namespace Paas.Runtime.Tests.Containers;

public sealed class RuntimeSelectorTests
{
    [Fact]
    public void Auto_PicksRunc_OnV1AndHybridHosts()
    {
        Assert.EndsWith("/runc", RuntimeSelector.Select("auto", new CgroupV1()));
    }

    [Fact]
    public void Crun_IsRefusedClearly_OnCgroupV1()
    {
        var e = Assert.Throws<InvalidOperationException>(() => RuntimeSelector.Select("crun", new CgroupV1()));
        Assert.Contains("hybrid", e.Message);
    }

    [Fact]
    public void UnknownRuntime_SaysHowToInstallIt()
    {
        var e = Assert.Throws<InvalidOperationException>(() => RuntimeSelector.Select("no-such-runtime", new CgroupV2()));
        Assert.Contains("apt-get install no-such-runtime", e.Message);
    }

    [Fact]
    public void ExplicitPath_IsUsedAsIs()
    {
        Assert.Equal("/opt/runc/runc", RuntimeSelector.Select("/opt/runc/runc", new CgroupV1()));
    }
}
