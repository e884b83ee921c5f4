using Paas.Core.Config;
using Paas.Core.Domains;
using Paas.Core.Limits;
using Paas.Core.Routing;

namespace Paas.Core.Tests;

/// <summary>Input that once reached an exception or the database as a 500 is refused with a message (issue 8).</summary>
public sealed class InputLimitsTests
{
    [Theory]
    [InlineData("99999999999999999999999999t")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("9223372036854775807k")]
    [InlineData("8388608t")]
    public void Memory_TooLargeForAnyUnit_IsAProblem_NotAnOverflow(string text)
    {
        var problem = ResourceLimitParser.TryParseMemory(text, out var bytes);

        Assert.Contains("too large", problem);
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Memory_AThousandDigits_IsNotASize()
    {
        var problem = ResourceLimitParser.TryParseMemory(new string('9', 1000), out _);

        Assert.Contains("not a size", problem);
        Assert.True(problem!.Length < 200, problem);
    }

    [Fact]
    public void Memory_JustBelowTheLimit_Parses()
    {
        Assert.Null(ResourceLimitParser.TryParseMemory("8388607t", out var bytes));
        Assert.Equal(8388607L << 40, bytes);
    }

    [Theory]
    [InlineData("4194305", "too large")]
    [InlineData("99999999999999999999", "too large")]
    [InlineData("4194304", null)]
    public void Pids_AboveTheKernelLimit_AreAProblem(string text, string? reason)
    {
        var problem = ResourceLimitParser.TryParsePids(text, out _);

        if (reason is null) Assert.Null(problem);
        else Assert.Contains(reason, problem);
    }

    [Fact]
    public void ConfigKey_LongerThan256_IsInvalid_SayingTheLength()
    {
        Assert.True(ConfigKey.IsValid(new string('K', 256)));
        Assert.False(ConfigKey.IsValid(new string('K', 257)));
        var problem = ConfigKey.Problem(new string('K', 10_000));

        Assert.Contains("10000 characters", problem);
        Assert.Contains("at most 256", problem);
        Assert.True(problem.Length < 200, problem);
    }

    [Fact]
    public void ConfigValue_MustFitTheKernelsLimitForOneEnvironmentString()
    {
        var key = "BLOB";
        var fits = new string('x', ConfigSize.MaxEntryBytes - key.Length - 2);

        Assert.Null(ConfigSize.EntryProblem(key, fits));
        Assert.Contains("131072", ConfigSize.EntryProblem(key, fits + "x"));
        // Bytes, not characters: é is two bytes in the environment.
        Assert.NotNull(ConfigSize.EntryProblem(key, new string('é', ConfigSize.MaxEntryBytes / 2)));
    }

    [Fact]
    public void ConfigTotal_CountsKeyEqualsValueAndNul()
    {
        var total = ConfigSize.TotalBytes(new Dictionary<string, string> { ["A"] = "1", ["BB"] = "" });

        Assert.Equal(4 + 4, total);
        Assert.Null(ConfigSize.TotalProblem(total, 8));
        Assert.Contains("PAAS_MAX_CONFIG_BYTES", ConfigSize.TotalProblem(total, 7));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1")]
    [InlineData("0x7f.1")]
    [InlineData("0x7f000001")]
    [InlineData("2130706433")]
    [InlineData("0177.0.0.1")]
    [InlineData("10.0.0.1.")]
    [InlineData("*.127.0.0.1")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("fe80::1%eth0")]
    public void Domain_IpLiterals_AreRefused(string domain) =>
        Assert.Contains("IP address", AppDomains.Problem(domain, "web", "paas.test"));

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST.")]
    [InlineData("api.localhost")]
    [InlineData("*.localhost")]
    public void Domain_LocalhostNames_AreRefused(string domain) =>
        Assert.Contains("localhost", AppDomains.Problem(domain, "web", "paas.test"));

    [Theory]
    [InlineData("paas.test")]
    [InlineData("*.paas.test")]
    [InlineData("other.paas.test")]
    [InlineData("OTHER.paas.test")]
    [InlineData("x.web.paas.test")]
    [InlineData("*.web.paas.test")]
    public void Domain_ThePlatformDomainAndNamesUnderIt_AreRefused_ExceptTheAppsOwn(string domain) =>
        Assert.Contains("platform domain", AppDomains.Problem(domain, "web", "paas.test"));

    [Theory]
    [InlineData("web.paas.test", "paas.test")]
    [InlineData("WEB.paas.test.", "paas.test")]
    [InlineData("web.paas.localhost", "paas.localhost")]
    [InlineData("www.example.com", "paas.test")]
    [InlineData("*.example.com", "paas.test")]
    [InlineData("1.2.3.4.example.com", "paas.test")]
    [InlineData("notpaas.test", "paas.test")]
    public void Domain_OwnPlatformNameAndOrdinaryNames_AreAllowed(string domain, string platform) =>
        Assert.Null(AppDomains.Problem(domain, "web", platform));

    [Fact]
    public void Domain_SyntaxProblems_AreStillReported() =>
        Assert.Contains("invalid", AppDomains.Problem("bad domain", "web", "paas.test"));

    public static readonly ReservedPort[] Reserved =
    [
        new(22, "SSH"), new(5432, "PostgreSQL"), new(8080, "paasd's API"),
        new(80, "the app proxy", ServedByProxy: true), new(443, "the app proxy", ServedByProxy: true),
    ];

    [Theory]
    [InlineData("tcp:22:22", "SSH")]
    [InlineData("http:22:5000", "SSH")]
    [InlineData("tcp:5432:5432", "PostgreSQL")]
    [InlineData("udp:5432:5432", "PostgreSQL")]
    [InlineData("http:8080:5000", "paasd's API")]
    [InlineData("tcp:80:5000", "only http or https")]
    [InlineData("tcp:443:5000", "only http or https")]
    public void Ports_OfThePlatformsOwnServices_AreRefused_NamingThePortAndWhy(string text, string why)
    {
        Assert.Null(PortMapping.TryParse(text, out var mapping));
        var problem = ReservedPort.Problem(mapping, Reserved);

        Assert.Contains(why, problem);
        Assert.Contains($"host port {mapping.HostPort}", problem);
    }

    [Theory]
    [InlineData("http:80:5000")]
    [InlineData("https:443:5000")]
    [InlineData("tcp:7400:6379")]
    [InlineData("http:8081:5000")]
    public void Ports_TheProxyServesOrNobodyUses_AreAllowed(string text)
    {
        Assert.Null(PortMapping.TryParse(text, out var mapping));
        Assert.Null(ReservedPort.Problem(mapping, Reserved));
    }
}
