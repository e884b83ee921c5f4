using Paas.Core.Stacks;
using Paas.Runtime.Stacks;

namespace Paas.Runtime.Tests.Stacks;

public sealed class HostBindSubmountsTests
{
    private static readonly string[] Binds = ["/usr", "/etc/ssl", "/etc/alternatives"];

    [Fact]
    public void MountsOnTheBoundDirectoriesThemselves_OrElsewhere_AreFine()
    {
        HostBindSubmounts.EnsureNone(Binds, ["/", "/usr", "/etc/ssl", "/usrlocal", "/proc", "/etc/sslx/y"]);
    }

    [Fact]
    public void AMountBelowABoundDirectory_RefusesTheStack_NamingItAndTheWayOut()
    {
        var e = Assert.Throws<StackBuildException>(() =>
            HostBindSubmounts.EnsureNone(Binds, ["/", "/usr/share/dotnet", "/usr/local/lib/x", "/proc"]));

        Assert.StartsWith("the host has mounts below /usr (/usr/local/lib/x, /usr/share/dotnet)", e.Message);
        Assert.Contains("--from debootstrap", e.Message);
    }
}
