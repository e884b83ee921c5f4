using System.Text.Json.Nodes;
using Paas.Core.Images;
using Paas.Core.Limits;
using Paas.Runtime.Logs;
using Paas.Runtime.Oci;

namespace Paas.Runtime.Tests.Containers;

public sealed class OciConfigTests
{
    private static OciBundlePlan Plan(uint uid, ResourceLimits limits, bool swap = true) => new(
        "abc", new OciProcessPlan(["/dev/init", "--", "web"], ["PATH=/usr/bin"], "/app", uid, uid, []),
        "demo.web.1", "/var/lib/paas/containers/abc/bundle/rootfs", [new BindMount("/usr", "/usr", true)],
        NetnsPath: "/run/netns/paas-abc", HostNetwork: false, limits,
        new Dictionary<string, string> { ["paas.app"] = "demo" }, "/paas/abc", CgroupV2: false, swap, OpenFilesLimit: 1024);

    [Fact]
    public void AppUser_GetsEmptyCapabilities_NoNewPrivileges_AndAnErrnoDefaultSeccomp()
    {
        var config = OciConfigFactory.Create(Plan(1000, ResourceLimits.Defaults));
        var caps = config["process"]!["capabilities"]!.AsObject();
        Assert.All(caps, c => Assert.Empty(c.Value!.AsArray()));
        Assert.True(config["process"]!["noNewPrivileges"]!.GetValue<bool>());
        Assert.Equal("1.0.2", config["ociVersion"]!.GetValue<string>());
        Assert.Equal("SCMP_ACT_ERRNO", config["linux"]!["seccomp"]!["defaultAction"]!.GetValue<string>());
        Assert.Equal("/paas/abc", config["linux"]!["cgroupsPath"]!.GetValue<string>());
    }

    [Fact]
    public void Root_GetsDockersDefaultSet_WithoutSysResourceOrNetRaw_AndNeverInheritable()
    {
        var caps = OciConfigFactory.Create(Plan(0, ResourceLimits.Defaults))["process"]!["capabilities"]!;
        Assert.Equal(13, caps["bounding"]!.AsArray().Count);
        Assert.DoesNotContain("CAP_SYS_RESOURCE", Names(caps["bounding"]!));
        Assert.DoesNotContain("CAP_NET_RAW", Names(caps["bounding"]!));
        Assert.DoesNotContain("CAP_SYS_ADMIN", Names(caps["bounding"]!));
        Assert.Empty(caps["inheritable"]!.AsArray());
        Assert.Empty(caps["ambient"]!.AsArray());
    }

    [Fact]
    public void Limits_MapToMemoryWithEqualSwap_CpuQuota_AndPids()
    {
        var resources = OciConfigFactory.Create(Plan(1000, new ResourceLimits(256 * ResourceLimits.MiB, 0.5m, 100)))["linux"]!["resources"]!;
        Assert.Equal(256 * ResourceLimits.MiB, resources["memory"]!["limit"]!.GetValue<long>());
        Assert.Equal(256 * ResourceLimits.MiB, resources["memory"]!["swap"]!.GetValue<long>());
        Assert.Equal(50_000, resources["cpu"]!["quota"]!.GetValue<long>());
        Assert.Equal(100_000, resources["cpu"]!["period"]!.GetValue<long>());
        Assert.Equal(100, resources["pids"]!["limit"]!.GetValue<int>());
        Assert.False(resources["devices"]![0]!["allow"]!.GetValue<bool>());
    }

    [Fact]
    public void Namespaces_JoinTheCniNetns_AndMountsKeepDevMinimalAndBindsReadOnly()
    {
        var config = OciConfigFactory.Create(Plan(1000, ResourceLimits.Defaults));
        var network = config["linux"]!["namespaces"]!.AsArray().Single(n => n!["type"]!.GetValue<string>() == "network");
        Assert.Equal("/run/netns/paas-abc", network!["path"]!.GetValue<string>());
        var mounts = config["mounts"]!.AsArray();
        var dev = mounts.Single(m => m!["destination"]!.GetValue<string>() == "/dev");
        Assert.Equal("tmpfs", dev!["type"]!.GetValue<string>());
        var usr = mounts.Single(m => m!["destination"]!.GetValue<string>() == "/usr");
        Assert.Contains("ro", Names(usr!["options"]!));
        Assert.Contains("/proc/sys", Names(config["linux"]!["readonlyPaths"]!));
        Assert.Contains("/proc/kcore", Names(config["linux"]!["maskedPaths"]!));
        Assert.Equal("demo", config["annotations"]!["paas.app"]!.GetValue<string>());
    }

    [Fact]
    public void K8sFileLines_ParseWithNanosecondsAndPartialRecords()
    {
        var lines = K8sLogFormat.Lines([
            "2026-11-23T16:36:49.455930846+00:00 stdout F hello world",
            "2026-11-23T16:36:49.456049502+00:00 stderr F err",
            "2026-11-23T16:36:49.456070536+00:00 stdout P part",
            "2026-11-23T16:36:49.456070999+00:00 stdout F ial",
            "garbage",
        ]).ToList();
        Assert.Equal(["hello world", "err", "partial"], lines.Select(l => l.Text));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 16, 36, 49, TimeSpan.Zero).AddTicks(4559308), lines[0].Timestamp);
        Assert.Equal(Paas.Core.Containers.LogStream.Stderr, lines[1].Stream);
    }

    private static IEnumerable<string> Names(JsonNode array) => array.AsArray().Select(n => n!.GetValue<string>());
}
