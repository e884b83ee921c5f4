using System.Text;
using System.Text.Json;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

[Collection(PaasdCollection.Name)]
public sealed class ConfigCommandTests(PaasdFixture paasd)
{
    private readonly PaasdCli _cli = new(paasd);

    private static readonly string[] AwkwardValues =
    [
        "two words",
        "line one\nline two\n",
        "she said \"hi\" and 'bye'",
        "a=b=c",
        "  leading and trailing spaces  ",
        "\ttabs\tand $HOME and `backticks` and \\backslashes\\",
        "ünïcødé ✓ 日本語",
        "",
    ];

    [Fact]
    public async Task Set_ThenGet_RoundTripsEveryValueExactly_ThroughArgvAndStdout()
    {
        var app = await _cli.CreateAppAsync();
        var pairs = AwkwardValues.Select((value, i) => $"V{i}={value}");

        var set = await _cli.RunAsync(["config:set", app, .. pairs]);

        Assert.True(set.ExitCode == 0, set.ToString());
        for (var i = 0; i < AwkwardValues.Length; i++)
        {
            var get = await _cli.RunAsync("config:get", app, $"V{i}");
            Assert.True(get.ExitCode == 0, get.ToString());
            // Exactly the value and one newline: what `$(paas config:get APP KEY)` strips.
            Assert.Equal(AwkwardValues[i] + "\n", get.Stdout);
        }
    }

    [Fact]
    public async Task SetEncoded_DecodesBase64Values_AsDokkusScriptsSendThem()
    {
        var app = await _cli.CreateAppAsync();
        var greeting = Convert.ToBase64String(Encoding.UTF8.GetBytes("Hello\n 'world'"));

        var set = await _cli.RunAsync("config:set", "--encoded", app, $"HELLO={greeting}", "EMPTY=");
        var hello = await _cli.RunAsync("config:get", app, "HELLO");
        var empty = await _cli.RunAsync("config:get", app, "EMPTY");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal("Hello\n 'world'\n", hello.Stdout);
        Assert.Equal("\n", empty.Stdout);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("//79")] // base64, but of bytes that are not UTF-8
    public async Task SetEncoded_ANonBase64Value_IsAUsageError_NamingTheKey_AndSetsNothing(string value)
    {
        var app = await _cli.CreateAppAsync();

        var set = await _cli.RunInProcessAsync("config:set", "--encoded", app, "GOOD=b2s=", $"BAD={value}");
        var show = await _cli.RunInProcessAsync("config:show", app, "--format", "json");

        Assert.Equal(2, set.ExitCode); // a malformed argument, like a pair without '='
        Assert.Contains("the value of 'BAD' is not base64 of UTF-8 text (--encoded)", set.Stderr);
        Assert.Empty(JsonSerializer.Deserialize<Dictionary<string, string>>(show.Stdout, ApiJson.Lenient)!);
    }

    [Fact]
    public async Task Set_SeveralPairs_SetsEachWithEverythingAfterTheFirstEquals()
    {
        var app = await _cli.CreateAppAsync();

        var set = await _cli.RunInProcessAsync("config:set", app, "A=1", "B=two words", "C=x=y");
        var show = await _cli.RunInProcessAsync("config:show", app, "--format", "json");

        Assert.True(set.ExitCode == 0, set.ToString());
        var vars = JsonSerializer.Deserialize<Dictionary<string, string>>(show.Stdout, ApiJson.Lenient)!;
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "two words", ["C"] = "x=y" }, vars);
    }

    [Fact]
    public async Task Set_TheLargestValueFromStdin_GetReturnsItExactly_AndOneByteMoreExitsOne()
    {
        var app = await _cli.CreateAppAsync();
        // BIG=VALUE and its NUL may take 128 KiB in a process's environment (the kernel's MAX_ARG_STRLEN), and so
        // may a word of argv: a value this long comes through --stdin.
        var value = BigValue(128 * 1024 - "BIG=".Length - 1);

        var set = await _cli.RunWithInputAsync(value, "config:set", app, "--stdin", "BIG");
        var get = await _cli.RunAsync("config:get", app, "BIG");
        var tooLarge = await _cli.RunWithInputAsync(value + "x", "config:set", app, "--stdin", "BIG");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.True(get.ExitCode == 0, get.Stderr);
        Assert.Equal(value.Length + 1, get.Stdout.Length);
        Assert.True(value + "\n" == get.Stdout, "the 128 KiB value did not round-trip exactly");
        Assert.True(tooLarge.ExitCode == 1, tooLarge.ToString());
        Assert.Contains("config value of 'BIG' is too large", tooLarge.Stderr);
    }

    [Fact]
    public async Task Set_InvalidKeys_ExitsOne_NamingEveryBadKey_AndStoresNothing()
    {
        var app = await _cli.CreateAppAsync();

        var set = await _cli.RunInProcessAsync("config:set", app, "GOOD=1", "1BAD=x", "ALSO-BAD=y");
        var keys = await _cli.RunInProcessAsync("config:keys", app);

        Assert.Equal(1, set.ExitCode);
        Assert.Contains("'1BAD'", set.Stderr);
        Assert.Contains("'ALSO-BAD'", set.Stderr);
        Assert.Equal("", keys.Stdout);
    }

    [Fact]
    public async Task Get_UnsetKey_ExitsOne_AndPrintsNothingOnStdout()
    {
        var app = await _cli.CreateAppAsync();

        var get = await _cli.RunInProcessAsync("config:get", app, "MISSING");

        Assert.Equal(1, get.ExitCode);
        Assert.Equal("", get.Stdout);
        Assert.Contains("MISSING", get.Stderr);
    }

    [Fact]
    public async Task Unset_RemovesOnlyTheNamedKeys()
    {
        var app = await _cli.CreateAppAsync();
        await _cli.RunInProcessAsync("config:set", app, "A=1", "B=2", "C=3");

        var unset = await _cli.RunInProcessAsync("config:unset", app, "A", "C", "--no-restart");
        var keys = await _cli.RunInProcessAsync("config:keys", app);

        Assert.True(unset.ExitCode == 0, unset.ToString());
        Assert.Equal("B\n", keys.Stdout);
    }

    [Fact]
    public async Task Show_AsText_ListsKeysAndValuesUnderADokkuHeader()
    {
        var app = await _cli.CreateAppAsync();
        await _cli.RunInProcessAsync("config:set", app, "ALPHA=1", "B=two words");

        var show = await _cli.RunInProcessAsync("config:show", app);

        Assert.Equal($"=====> {app} env vars\nALPHA:  1\nB:      two words\n", show.Stdout);
    }

    [Fact]
    public async Task Set_WordWithoutEquals_IsAUsageError_AndSetsNothing()
    {
        var app = await _cli.CreateAppAsync();

        var set = await _cli.RunInProcessAsync("config:set", app, "A=1", "oops");
        var keys = await _cli.RunInProcessAsync("config:keys", app);

        Assert.Equal(2, set.ExitCode);
        Assert.Contains("'oops'", set.Stderr);
        Assert.Equal("", keys.Stdout);
    }

    /// <summary>Printable ASCII with newlines and quotes mixed in, so no byte of the value is boring.</summary>
    private static string BigValue(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; builder.Length < length; i++)
            builder.Append(i % 97 == 0 ? '\n' : i % 89 == 0 ? '"' : (char)(' ' + i % 95));
        return builder.ToString();
    }
}
