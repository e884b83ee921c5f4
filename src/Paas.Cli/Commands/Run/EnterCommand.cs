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

    private readonly Option<bool> _tty = new("--tty", "-t") { Description = "Give the command a terminal, with this one's input; without COMMAND, a shell" };

    public EnterCommand(CliContext cli) : base(cli, "enter", "Run a command inside a running instance of the app, with its environment")
    {
        Arguments.Add(_app);
        Arguments.Add(_dyno);
        Arguments.Add(_command);
        Options.Add(_tty);
        TreatUnmatchedTokensAsErrors = false;
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var command = CommandLineTail.After(parse, positionals: 2, [], [_tty], out var flags);
        var dyno = parse.GetRequiredValue(_dyno);
        var mode = InteractiveCommand.Choose(Cli, flags.Contains(_tty));
        if (mode == InteractiveCommand.Mode.Terminal)
        {
            var code = await InteractiveCommand.RunAsync(Cli, ApiRoutes.EnterSocket(app), new SessionQuery(command, Terminal: true, Dyno: dyno), terminal: true, ct);
            if (code != 0) throw CliException.Quiet(code);
            return;
        }
        if (command.Count == 0)
            throw CliException.Usage("no command given: for example `paas enter APP web.1 'ls -la'`, or `paas enter -t APP web.1` for a shell");
        var exit = mode == InteractiveCommand.Mode.Piped
            ? await InteractiveCommand.RunAsync(Cli, ApiRoutes.EnterSocket(app), new SessionQuery(command, Terminal: false, Dyno: dyno), terminal: false, ct)
            : await StreamedCommand.RunAsync(Api, Out, Error, ApiRoutes.Enter(app), new EnterRequest(dyno, command), ct);
        if (exit != 0) throw new CliException($"the command exited with {exit}", exit);
    }
}
