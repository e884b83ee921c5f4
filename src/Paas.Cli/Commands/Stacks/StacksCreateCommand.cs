using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Stacks;

public sealed class StacksCreateCommand : PaasCommand
{
    /// <summary>debootstrap downloads and installs a Debian system: minutes on a good day, more on a slow mirror.</summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(30);

    private readonly Argument<string> _name = new("NAME")
    {
        Description = "The new stack's name (a lower-case letter, then up to 62 lower-case letters, digits or dashes)",
    };

    // Not restricted to the two sources here: paasd names the valid ones, and a wrong one is its error (exit 1).
    private readonly Option<string> _from = new("--from")
    {
        Description = "debootstrap (a Debian bookworm rootfs with the buildpack runtimes; takes minutes) "
            + "or host (read-only binds of this host's /usr; for tests and small hosts)",
        HelpName = "debootstrap|host",
        DefaultValueFactory = _ => "debootstrap",
    };

    public StacksCreateCommand(CliContext cli)
        : base(cli, "stacks:create", "Create a stack: the base root filesystem apps build and run on (the first becomes the default)")
    {
        Arguments.Add(_name);
        Options.Add(_from);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var name = parse.GetRequiredValue(_name);
        var from = parse.GetRequiredValue(_from);
        Out.Step($"Creating stack {name} from {from}");
        if (from == "debootstrap") Out.Detail("this takes several minutes");
        // The user sees what is happening before the long wait, not after it.
        await Out.FlushAsync(ct);
        var stack = await Api.PostAsync<CreateStackRequest, StackView>(ApiRoutes.Stacks, new CreateStackRequest(name, from), BuildTimeout, ct);
        Out.Step($"Created stack {stack.Name} ({stack.ImageReference})" + (stack.IsDefault ? ", the default stack" : ""));
    }
}
