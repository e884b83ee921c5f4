using Paas.Cli.Console;

namespace Paas.Cli.Commands;

/// <summary>Dokku's "type the name to proceed" prompt before a destructive action, on stderr so stdout stays clean for scripts.</summary>
public static class Confirmation
{
    /// <param name="action">What will happen, as a sentence such as "This command will destroy demo."</param>
    /// <param name="name">What the user has to type.</param>
    public static void Require(CliContext cli, string action, string name)
    {
        var error = cli.Console.Error;
        error.ErrorLine($"WARNING: Potentially Destructive Action\n{action}\nTo proceed, type \"{name}\"");
        error.Write("\n> ");
        error.Flush();
        var typed = cli.Console.In.ReadLine();
        // A terminal echoes the user's Enter; piped input does not, so end the prompt line here.
        if (!cli.Console.InputIsTerminal) error.Write('\n');
        if (typed?.Trim() != name)
            throw new CliException($"Confirmation did not match {name}. Aborted.");
    }
}
