namespace Paas.Cli.Commands.Users;

/// <summary>
/// A password comes on standard input (--password-stdin), never as an argument: arguments show in `ps` and
/// shell history. Without the option paasd generates one and it is printed once.
/// </summary>
public static class PasswordInput
{
    public const string OptionName = "--password-stdin";

    public const string TerminalRefused =
        "refusing to read a password from a terminal, where it would be echoed: pipe it in (e.g. paas users:passwd NAME --password-stdin < file), or leave out --password-stdin to have one generated";

    public static async Task<string?> ReadAsync(CliContext cli, bool fromStdin, CancellationToken ct)
    {
        if (!fromStdin) return null;
        if (cli.Console.InputIsTerminal) throw new CliException(TerminalRefused);
        // The first line: `echo PASSWORD | paas ...` and files ending in a newline both work.
        var line = await cli.Console.In.ReadLineAsync(ct);
        if (string.IsNullOrEmpty(line))
            throw new CliException("no password on standard input: give it on the first line");
        return line;
    }
}
