using Microsoft.Win32.SafeHandles;
using Paas.Cli.Sessions;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Run;

/// <summary>
/// `run` and `enter` over their WebSocket (docs/API-RUN.md): with a terminal (-t, or an SSH login that has
/// one) the local terminal goes raw for the session and its size and resizes are passed on; with piped
/// standard input, the input is forwarded and its end closes the command's stdin.
/// </summary>
public static class InteractiveCommand
{
    /// <summary>How the command runs: as lines over the plain endpoint (no input), or attached, with or without a terminal.</summary>
    public enum Mode { Streamed, Piped, Terminal }

    public static Mode Choose(CliContext cli, bool ttyRequested)
    {
        // `ssh -t paas@HOST run APP bash`: sshd gave the forced command a terminal, so the user wants one.
        var sshTerminal = cli.OverSsh && !string.IsNullOrEmpty(cli.Environment("SSH_TTY")) && RawTerminal.IsAvailable;
        if (ttyRequested || sshTerminal)
        {
            if (!RawTerminal.IsAvailable)
                throw CliException.Usage("-t needs a terminal on standard input and output: run it from an interactive shell (over SSH: ssh -t)");
            return Mode.Terminal;
        }
        return cli.Console.InputIsPiped ? Mode.Piped : Mode.Streamed;
    }

    public static async Task<int> RunAsync(CliContext cli, string socketPath, SessionQuery query, bool terminal, CancellationToken ct)
    {
        if (terminal && RawTerminal.Size() is var (cols, rows))
            query = query with { Cols = cols, Rows = rows };
        await cli.Console.Out.FlushAsync(ct);
        using var connection = await new SessionConnector(cli.Api).ConnectAsync(socketPath + query.ToQueryString(), ct);
        if (!terminal)
            return await new SessionClient(connection.Socket, cli.Console.BinaryOut, cli.Console.BinaryError).RunAsync(cli.Console.BinaryIn, null, ct);

        // Raw only once paasd accepted: a refusal is printed on the terminal as it was. The descriptors
        // are used directly: .NET's console streams would edit lines (input) or switch the keypad mode (output).
        await using var input = new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, 1);
        await using var output = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1);
        using var raw = RawTerminal.Enter();
        return await new SessionClient(connection.Socket, output, output).RunAsync(input, raw, ct);
    }
}
