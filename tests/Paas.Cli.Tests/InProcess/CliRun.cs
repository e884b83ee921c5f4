using Paas.Cli;
using Paas.Cli.Console;

namespace Paas.Cli.Tests.InProcess;

/// <summary>The outcome of running the CLI in-process with captured streams.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> RunAsync(
        IReadOnlyDictionary<string, string>? environment, string stdin, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(new StringReader(stdin), output, error);
        // Only the variables given: the machine's own PAAS_* settings must not leak into a test.
        var code = await PaasCli.RunAsync(args, console, name => environment?.GetValueOrDefault(name));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, "", args);
}
