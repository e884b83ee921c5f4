using System.CommandLine;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Run;

public sealed class EnterCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string> _dyno = new("DYNO") { Description = "The running instance, for example web.1 (see ps:report)" };
    private readonly Argument<string[]> _command = new("COMMAND")
    {
        Description = "What to run: one argument runs through /bin/sh -c, several run as given",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public EnterCommand(CliContext cli) : base(cli, "enter", "Run a command inside a running instance of the app, with its environment")
    {
        Arguments.Add(_app);
        Arguments.Add(_dyno);
        Arguments.Add(_command);
        TreatUnmatchedTokensAsErrors = false;
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var command = CommandLineTail.After(parse, positionals: 2, []);
        if (command.Count == 0)
            throw CliException.Usage("no command given: for example `paas enter APP web.1 'ls -la'` (interactive shells are not supported yet)");
        var exit = await StreamedCommand.RunAsync(Api, Out, Error, ApiRoutes.Enter(app), new EnterRequest(parse.GetRequiredValue(_dyno), command), ct);
        if (exit != 0) throw new CliException($"the command exited with {exit}", exit);
    }
}
