using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Stacks;

public sealed class StacksDefaultCommand : PaasCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The stack new builds use" };

    public StacksDefaultCommand(CliContext cli) : base(cli, "stacks:default", "Choose the stack new builds use")
    {
        Arguments.Add(_name);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var name = parse.GetRequiredValue(_name);
        await Api.PutAsync(ApiRoutes.DefaultStack, new SetDefaultStackRequest(name), ct);
        Out.Step($"Default stack is now {name}");
    }
}
