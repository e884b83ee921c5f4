using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Images;

public sealed class ImagesDeleteCommand : PaasCommand
{
    private readonly Argument<string> _reference = new("REFERENCE") { Description = "The image's reference, as `paas images:list` shows it" };

    public ImagesDeleteCommand(CliContext cli)
        : base(cli, "images:delete", "Delete an image that no release and no stack uses, with the layers no other image shares")
    {
        Arguments.Add(_reference);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var reference = parse.GetRequiredValue(_reference);
        await Api.DeleteAsync(ApiRoutes.Image(reference), ct);
        Out.Step($"Deleted image {reference}");
    }
}
