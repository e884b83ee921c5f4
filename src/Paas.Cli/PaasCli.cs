using System.CommandLine;
using System.CommandLine.Invocation;
using Paas.Cli.Console;
using Paas.Cli.Http;

namespace Paas.Cli;

/// <summary>Parses the command line, reports usage errors with exit code 2 and runs the command.</summary>
public static class PaasCli
{
    public static Task<int> RunAsync(
        string[] args, CliConsole console, Func<string, string?> environment, CancellationToken ct = default) =>
        RunAsync(new CliContext(console, environment), args, ct);

    /// <summary>Runs a command for an SSH login: every request goes to <paramref name="sshEndpoint"/> as the key's user.</summary>
    public static Task<int> RunForSshAsync(
        string[] args, CliConsole console, Func<string, string?> environment, PaasEndpoint sshEndpoint, CancellationToken ct = default) =>
        RunAsync(new CliContext(console, environment, sshEndpoint), args, ct);

    private static async Task<int> RunAsync(CliContext context, string[] args, CancellationToken ct)
    {
        using var cli = context;
        var console = cli.Console;
        var root = CommandCatalog.CreateRoot(cli);
        // No response files: an argument such as a config value may start with '@'.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Action is ParseErrorAction)
            return UsageError(parse, console.Error);

        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            // Ctrl-C and SIGTERM cancel the command's token (System.CommandLine 2.0.0 leaves this off by default):
            // `logs -t` ends cleanly, and a request in flight is abandoned rather than the process killed mid-write.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(2),
        };
        var exitCode = await parse.InvokeAsync(invocation, ct);
        await console.Out.FlushAsync(CancellationToken.None);
        return exitCode;
    }

    private static int UsageError(ParseResult parse, TextWriter error)
    {
        foreach (var problem in parse.Errors)
            error.ErrorLine(problem.Message);
        var command = parse.CommandResult.Command;
        error.ErrorLine("Usage: " + Usage.Of(command));
        error.ErrorLine(command == parse.RootCommandResult.Command ? "See `paas --help`." : $"See `paas {command.Name} --help`.");
        return ExitCodes.Usage;
    }
}
