using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Stacks;

public sealed class StacksDeleteCommand : PaasCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The stack to delete (not the default one)" };
    private readonly Option<bool> _force = new("--force") { Description = "Do not ask to type the stack's name again" };

    public StacksDeleteCommand(CliContext cli)
        : base(cli, "stacks:delete", "Delete a stack that is not the default (asks to type its name unless --force)")
    {
        Arguments.Add(_name);
        Options.Add(_force);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var name = parse.GetRequiredValue(_name);
        if (!parse.GetValue(_force))
        {
            // Ask only about a stack that exists: a typo in the name fails before the prompt.
            var stacks = await Api.GetAsync<StackView[]>(ApiRoutes.Stacks, ct);
            if (!stacks.Any(s => s.Name == name))
                throw new CliException($"stack '{name}' does not exist: see `paas stacks:list`");
            Confirmation.Require(Cli, $"This command will delete stack {name}.", name);
        }
        await Api.DeleteAsync(ApiRoutes.Stack(name), ct);
        Out.Step($"Deleted stack {name}");
    }
}
