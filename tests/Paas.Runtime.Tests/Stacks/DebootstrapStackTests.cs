using Paas.Core.Stacks;
using Paas.Runtime.Images.Native;
using Paas.Runtime.Stacks;
using Paas.Runtime.Tests.Images;

namespace Paas.Runtime.Tests.Stacks;

/// <summary>
/// The real debootstrap stack: minutes and a few hundred MB from the Debian mirror this host's
/// apt uses. The one slow test of this area; it is run, not skipped.
/// </summary>
public sealed class DebootstrapStackTests : IDisposable
{
    private readonly TempRuntimeRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Create_Debootstrap_GivesABookwormLayer_WithTheBuildpackRuntimes_RunnableAsApp()
    {
        var stacks = new StackStore(_root.Paths, _root.Store);

        var stack = await stacks.CreateAsync("bookworm", StackSource.Debootstrap, CancellationToken.None);

        Assert.Equal(StackSource.Debootstrap, stack.Source);
        var plan = await _root.Store.ResolveRootfsAsync(stack.ImageReference, CancellationToken.None);
        Assert.Empty(plan.BindMounts);
        var layer = Assert.Single(plan.LowerDirs);
        Assert.Contains(File.ReadAllLines(Path.Combine(layer, "etc/passwd")), l => l.StartsWith("app:x:1000:1000:", StringComparison.Ordinal));
        Assert.Equal(1000u, FileStatus.Of(Path.Combine(layer, "app")).Uid);
        Assert.Equal("", File.ReadAllText(Path.Combine(layer, "etc/resolv.conf")));
        Assert.Empty(Directory.GetFiles(Path.Combine(layer, "var/cache/apt/archives"), "*.deb"));
        Assert.Empty(MountCleanup.MountsUnder(_root.Paths.Stacks));

        var (exit, output) = RuncSmoke.Run(plan, _root.NewDir("runc"), 1000, 1000, "/bin/bash", "-c",
            "id -un && node --version && npm --version && python3 -m venv /tmp/venv && echo venv-ok && go version && git --version && tini --version && test -s /etc/ssl/certs/ca-certificates.crt && echo certs-ok");

        Assert.True(exit == 0, $"runc run exited with {exit}: {output}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("app", lines[0]);
        Assert.StartsWith("v18.", lines[1]);
        Assert.Contains("venv-ok", lines);
        Assert.Contains(lines, l => l.StartsWith("go version go1.19", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("git version", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("tini version", StringComparison.Ordinal));
        Assert.Contains("certs-ok", lines);
    }
}
