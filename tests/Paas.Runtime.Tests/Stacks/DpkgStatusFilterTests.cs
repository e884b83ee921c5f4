using Paas.Runtime.Stacks;

namespace Paas.Runtime.Tests.Stacks;

public sealed class DpkgStatusFilterTests
{
    private const string HostStatus = """
        Package: libc6
        Status: install ok installed
        Priority: optional
        Section: libs
        Installed-Size: 12988
        Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
        Architecture: amd64
        Multi-Arch: same
        Source: glibc
        Version: 2.36-9+deb12u10
        Replaces: libc6-amd64
        Depends: libgcc-s1
        Recommends: libidn2-0 (>= 2.0.5~)
        Breaks: aide (<< 0.17.3-4+b3), busybox (<< 1.30.1-6),
         hurd (<< 1:0.9.git20220301-2)
        Conffiles:
         /etc/ld.so.conf.d/x86_64-linux-gnu.conf d4e7a7b88a71b5ffd9e2644e71a0cfab
        Description: GNU C Library: Shared libraries
         Contains the standard libraries that are used by nearly all programs on
         .
         the system.
        Homepage: https://www.gnu.org/software/libc/libc.html

        Package: old-tool
        Status: deinstall ok config-files
        Architecture: amd64
        Version: 1.0
        Conffiles:
         /etc/old-tool.conf 0123456789abcdef

        Package: half
        Status: install reinstreq half-installed
        Architecture: amd64
        Version: 2.0

        Package: bash
        Essential: yes
        Status: install ok installed
        Priority: required
        Architecture: amd64
        Version: 5.2.15-2+b7
        Pre-Depends: libc6 (>= 2.36), libtinfo6 (>= 6)
        Description: GNU Bourne Again SHell
         long text
        """;

    [Fact]
    public void Filter_KeepsInstalledPackages_WithOnlyTheFieldsAptResolvesWith()
    {
        var filtered = DpkgStatusFilter.Filter(HostStatus);

        Assert.Equal("""
            Package: libc6
            Status: install ok installed
            Priority: optional
            Architecture: amd64
            Multi-Arch: same
            Version: 2.36-9+deb12u10
            Depends: libgcc-s1
            Breaks: aide (<< 0.17.3-4+b3), busybox (<< 1.30.1-6), hurd (<< 1:0.9.git20220301-2)
            Replaces: libc6-amd64

            Package: bash
            Status: install ok installed
            Priority: required
            Essential: yes
            Architecture: amd64
            Version: 5.2.15-2+b7
            Pre-Depends: libc6 (>= 2.36), libtinfo6 (>= 6)


            """.Replace("\r", ""), filtered);
        Assert.DoesNotContain("Conffiles", filtered);
        Assert.DoesNotContain("/etc/", filtered);
        Assert.DoesNotContain("Description", filtered);
        Assert.DoesNotContain("Maintainer", filtered);
        Assert.DoesNotContain("old-tool", filtered); // config-files only: its files are gone
        Assert.DoesNotContain("half", filtered);
    }

    [Fact]
    public void Filter_ReadsALastStanzaWithoutTrailingNewline_AndCrLfLines()
    {
        var filtered = DpkgStatusFilter.Filter("Package: a\r\nStatus: hold ok installed\r\nVersion: 1\r\nDepends: b,\r\n c\r\n\r\n\r\nPackage: b\nStatus: install ok installed\nVersion: 2");

        Assert.Equal("Package: a\nStatus: hold ok installed\nVersion: 1\nDepends: b, c\n\nPackage: b\nStatus: install ok installed\nVersion: 2\n\n", filtered);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n\n")]
    [InlineData("not a status file at all\n")]
    [InlineData("Status: install ok installed\nVersion: 1\n")] // no Package
    [InlineData("Package:\nStatus: install ok installed\n")] // empty Package
    [InlineData("Package: a\nVersion: 1\n")] // no Status
    [InlineData("Package: a\nStatus: installed\n")] // not "want flag status"
    [InlineData("Package: a\nStatus: install ok unpacked\n")]
    [InlineData("Package: a\nStatus: install ok triggers-pending extra\n")]
    public void Filter_DropsWhatIsNotAnInstalledPackage(string status)
    {
        Assert.Equal("", DpkgStatusFilter.Filter(status));
    }

    [Fact]
    public void Filter_DropsContinuationsOfDroppedFields_AndStrayLines()
    {
        var filtered = DpkgStatusFilter.Filter("""
            Package: a
            Status: install ok installed
            Conffiles:
             /etc/secret.conf abc
            Depends: b
            #comment: no
            a stray line
             continued stray
            Version: 1

            """);

        Assert.Equal("Package: a\nStatus: install ok installed\nVersion: 1\nDepends: b\n\n", filtered);
    }

    [Fact]
    public void Filter_OfThisDebianHostsStatus_IsMuchSmaller_AndHasEveryInstalledPackage()
    {
        const string path = "/var/lib/dpkg/status";
        var host = File.ReadAllText(path);

        var filtered = DpkgStatusFilter.Filter(host);

        var installed = host.Split('\n').Count(l => l.StartsWith("Status: ") && l.EndsWith(" installed"));
        Assert.Equal(installed, filtered.Split('\n').Count(l => l.StartsWith("Package: ")));
        Assert.True(filtered.Length < host.Length / 2, $"{filtered.Length} of {host.Length} bytes kept");
        Assert.DoesNotContain("\nConffiles:", filtered);
        Assert.DoesNotContain("\nDescription:", filtered);
    }
}
