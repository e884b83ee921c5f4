using System.CommandLine;
using Paas.Cli.Commands.Run;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Checks;

public sealed class ChecksRunCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string?> _dyno = new("DYNO") { Description = "Only this instance, for example web.2", Arity = ArgumentArity.ZeroOrOne };

    public ChecksRunCommand(CliContext cli) : base(cli, "checks:run", "Run the app's checks now against its running instances")
    {
        Arguments.Add(_app);
        Arguments.Add(_dyno);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var exit = await StreamedCommand.RunAsync(Api, Out, Error, ApiRoutes.ChecksRun(app), new CheckRunRequest(parse.GetValue(_dyno)), ct);
        if (exit != 0) throw new CliException("a check failed (see above)", exit);
    }
}
