using System.CommandLine;

namespace Paas.Cli;

/// <summary>The one-line synopsis of a command, printed with a usage error so the fix is in view.</summary>
public static class Usage
{
    public static string Of(Command command)
    {
        var isRoot = command.Name == CommandCatalog.ExecutableName;
        var words = new List<string> { isRoot ? command.Name : $"{CommandCatalog.ExecutableName} {command.Name}" };
        if (isRoot) words.Add("COMMAND");
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            var many = argument.Arity.MaximumNumberOfValues > 1 ? "..." : "";
            words.Add(argument.Arity.MinimumNumberOfValues == 0 ? $"[{argument.Name}{many}]" : argument.Name + many);
        }
        if (command.Options.Any(o => !o.Hidden && o.Name is not ("--help" or "--version")))
            words.Add("[options]");
        return string.Join(' ', words);
    }
}
