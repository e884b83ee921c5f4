using System.CommandLine;

namespace Paas.Cli.Commands;

/// <summary>Arguments and options that many commands share, so they are named and described alike.</summary>
public static class CommonSymbols
{
    public static Argument<string> App() => new("APP") { Description = "The app's name" };

    public static Option<string> Format()
    {
        var option = new Option<string>("--format")
        {
            Description = "Output format: text (default) or json (the API's JSON as received)",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json",
        };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }

    public static bool IsJson(this ParseResult parse, Option<string> format) => parse.GetValue(format) == "json";

    public static Option<bool> NoRestart() => new("--no-restart")
    {
        Description = "Record the change without restarting the app's running processes",
    };
}
