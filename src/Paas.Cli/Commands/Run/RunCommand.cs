using System.CommandLine;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Run;

public sealed class RunCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string[]> _command = new("COMMAND")
    {
        Description = "What to run: one argument runs through /bin/sh -c, several run as given",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly Option<string[]> _env = new("--env", "-e") { Description = "KEY=VALUE added to the app's config for this run (repeatable)" };
    private readonly Option<int?> _ttl = new("--ttl-seconds") { Description = "Kill the container after this many seconds (default a day)" };
    private readonly Option<bool> _tty = new("--tty", "-t") { Description = "Give the command a terminal, with this one's input (paas run -t APP bash)" };

    public RunCommand(CliContext cli) : base(cli, "run", "Run a command in a one-off container of the app's serving release, with its config")
    {
        Arguments.Add(_app);
        Arguments.Add(_command);
        Options.Add(_env);
        Options.Add(_ttl);
        Options.Add(_tty);
        TreatUnmatchedTokensAsErrors = false;
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var command = CommandLineTail.After(parse, positionals: 1, [_env, _ttl], [_tty], out var flags);
        if (command.Count == 0) throw CliException.Usage("no command given: for example `paas run APP 'python manage.py migrate'`");
        var env = new Dictionary<string, string>();
        foreach (var pair in parse.GetValue(_env) ?? [])
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0) throw CliException.Usage($"--env '{pair}' is not KEY=VALUE");
            env[pair[..equals]] = pair[(equals + 1)..];
        }
        var mode = InteractiveCommand.Choose(Cli, flags.Contains(_tty));
        if (mode == InteractiveCommand.Mode.Streamed)
        {
            var exit = await StreamedCommand.RunAsync(Api, Out, Error, ApiRoutes.Run(app), new RunRequest(command, env, parse.GetValue(_ttl)), ct);
            if (exit != 0) throw new CliException($"the command exited with {exit}", exit);
            return;
        }
        var query = new SessionQuery(command, mode == InteractiveCommand.Mode.Terminal, Env: env, TtlSeconds: parse.GetValue(_ttl));
        var code = await InteractiveCommand.RunAsync(Cli, ApiRoutes.RunSocket(app), query, query.Terminal, ct);
        // A terminal showed everything already (a shell's `exit 3` needs no comment).
        if (code != 0) throw query.Terminal ? CliException.Quiet(code) : new CliException($"the command exited with {code}", code);
    }
}
