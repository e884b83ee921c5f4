using Paas.Cli.Commands.Images;
using Paas.Cli.Console;

namespace Paas.Cli.Tests.InProcess;

/// <summary>Binary archives are never written to, or read from, a terminal; no server is needed to refuse.</summary>
public sealed class TerminalTests
{
    [Theory]
    [InlineData("images:export", "stack/host")]
    [InlineData("images:export", "stack/host", "-o", "-")]
    public async Task ExportToATerminal_IsRefused_WithExitOne(params string[] args)
    {
        var binary = new MemoryStream();
        var (code, stdout, stderr) = await RunAsync(new CliConsoleParts(OutputIsTerminal: true, InputIsTerminal: false, binary), args);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal(0, binary.Length);
        Assert.Equal($" !     {ImagesExportCommand.TerminalRefused}\n", stderr);
    }

    [Fact]
    public async Task ImportFromATerminal_IsRefused_WithExitOne()
    {
        var (code, _, stderr) = await RunAsync(new CliConsoleParts(OutputIsTerminal: false, InputIsTerminal: true, new MemoryStream()),
            "images:import", "-");

        Assert.Equal(1, code);
        Assert.Equal($" !     {ImagesImportCommand.TerminalRefused}\n", stderr);
    }

    private sealed record CliConsoleParts(bool OutputIsTerminal, bool InputIsTerminal, Stream BinaryOut);

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(CliConsoleParts parts, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(new StringReader(""), output, error, parts.InputIsTerminal)
        {
            OutputIsTerminal = parts.OutputIsTerminal,
            BinaryOut = parts.BinaryOut,
        };
        // A socket nobody listens on: the refusal must come before any request.
        var socket = Path.Combine(Path.GetTempPath(), $"paas-cli-test-{Guid.NewGuid():N}.sock");
        var code = await PaasCli.RunAsync(args, console, name => name == "PAAS_SOCKET" ? socket : null);
        return (code, output.ToString(), error.ToString());
    }
}
