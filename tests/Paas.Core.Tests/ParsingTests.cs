using Paas.Core.Apps;
using Paas.Core.Config;
using Paas.Core.Domains;
using Paas.Core.Limits;
using Paas.Core.Routing;

namespace Paas.Core.Tests;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("demo", true)]
    [InlineData("a", true)]
    [InlineData("my-app-2", true)]
    [InlineData("Demo", false)]
    [InlineData("2app", false)]
    [InlineData("-app", false)]
    [InlineData("app_1", false)]
    [InlineData("app.1", false)]
    [InlineData("", false)]
    public void AppName_FollowsTheRule(string name, bool valid) => Assert.Equal(valid, AppName.IsValid(name));

    [Fact]
    public void AppName_AllowsAtMost63Characters()
    {
        Assert.True(AppName.IsValid("a" + new string('b', 62)));
        Assert.False(AppName.IsValid("a" + new string('b', 63)));
    }

    [Theory]
    [InlineData("A", true)]
    [InlineData("_PRIVATE", true)]
    [InlineData("database_url", true)]
    [InlineData("1A", false)]
    [InlineData("A-B", false)]
    [InlineData("A B", false)]
    [InlineData("", false)]
    public void ConfigKey_FollowsThePosixRule(string key, bool valid) => Assert.Equal(valid, ConfigKey.IsValid(key));

    [Theory]
    [InlineData("A=1", "A", "1")]
    [InlineData("B=two words", "B", "two words")]
    [InlineData("URL=postgres://u:p@h/db?x=1", "URL", "postgres://u:p@h/db?x=1")]
    [InlineData("EMPTY=", "EMPTY", "")]
    public void ConfigAssignment_SplitsAtTheFirstEquals(string word, string key, string value)
    {
        Assert.True(ConfigAssignment.TryParse(word, out var k, out var v));
        Assert.Equal((key, value), (k, v));
    }

    [Theory]
    [InlineData("NOEQUALS")]
    [InlineData("=value")]
    public void ConfigAssignment_RejectsWordsWithoutAKey(string word) => Assert.False(ConfigAssignment.TryParse(word, out _, out _));

    [Theory]
    [InlineData("512m", 512L << 20)]
    [InlineData("1g", 1L << 30)]
    [InlineData("1G", 1L << 30)]
    [InlineData("1.5g", 3L << 29)]
    [InlineData("65536k", 64L << 20)]
    [InlineData("536870912", 512L << 20)]
    [InlineData("256mb", 256L << 20)]
    public void Memory_ParsesDockerStyleSizes(string text, long bytes)
    {
        Assert.Null(ResourceLimitParser.TryParseMemory(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("1k", "too small")]
    [InlineData("-5", "not a size")]
    [InlineData("lots", "not a size")]
    [InlineData("", "not a size")]
    public void Memory_RejectsNonsense_SayingWhy(string text, string reason) =>
        Assert.Contains(reason, ResourceLimitParser.TryParseMemory(text, out _));

    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData("2", 2)]
    public void Cpus_ParseAsDecimals(string text, double cpus)
    {
        Assert.Null(ResourceLimitParser.TryParseCpus(text, out var parsed));
        Assert.Equal((decimal)cpus, parsed);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("one")]
    public void Cpus_RejectNonsense(string text) => Assert.NotNull(ResourceLimitParser.TryParseCpus(text, out _));

    [Theory]
    [InlineData("http:80:5000", "http", 80, 5000)]
    [InlineData("HTTPS:443:5000", "https", 443, 5000)]
    [InlineData("tcp:6379:6379", "tcp", 6379, 6379)]
    [InlineData("udp:53:5353", "udp", 53, 5353)]
    public void PortMapping_ParsesDokkuNotation(string text, string scheme, int host, int container)
    {
        Assert.Null(PortMapping.TryParse(text, out var mapping));
        Assert.Equal(new PortMapping(scheme, host, container), mapping);
        Assert.Equal(text.ToLowerInvariant(), mapping.ToString());
    }

    [Theory]
    [InlineData("www.example.com", true)]
    [InlineData("*.example.com", true)]
    [InlineData("Example.COM.", true)]
    [InlineData("localhost", true)]
    [InlineData("bad domain", false)]
    [InlineData("-x.com", false)]
    [InlineData("x..com", false)]
    [InlineData("", false)]
    public void DomainName_Validates(string domain, bool valid) => Assert.Equal(valid, DomainName.Problem(domain) is null);

    [Fact]
    public void Limits_Over_TakesSetFieldsAndInheritsTheRest()
    {
        var merged = new ResourceLimits(null, 0.5m, null).Over(ResourceLimits.Defaults);

        Assert.Equal(new ResourceLimits(512 * ResourceLimits.MiB, 0.5m, 512), merged);
    }
}

public sealed class TrailingNewlineTests
{
    [Fact]
    public void Names_WithATrailingNewline_AreInvalid()
    {
        Assert.False(AppName.IsValid("demo\n"));
        Assert.False(ConfigKey.IsValid("KEY\n"));
        Assert.False(Paas.Core.Formation.ProcessType.IsValid("web\n"));
        Assert.NotNull(DomainName.Problem("example.com\nx"));
    }
}

public sealed class EffectiveLimitsTests
{
    [Fact]
    public void ProcessTypeLimits_WinOverAppLimits_WhichWinOverDefaults()
    {
        var stored = new[]
        {
            new Paas.Core.Formation.ProcessLimits(null, new ResourceLimits(1L << 30, null, 128)),
            new Paas.Core.Formation.ProcessLimits("worker", new ResourceLimits(null, 0.5m, null)),
        };

        var worker = Paas.Core.Formation.EffectiveLimits.For(stored, "worker");
        var web = Paas.Core.Formation.EffectiveLimits.For(stored, "web");
        var none = Paas.Core.Formation.EffectiveLimits.For([], "web");

        Assert.Equal(new ResourceLimits(1L << 30, 0.5m, 128), worker);
        Assert.Equal(new ResourceLimits(1L << 30, 1m, 128), web);
        Assert.Equal(ResourceLimits.Defaults, none);
    }
}
