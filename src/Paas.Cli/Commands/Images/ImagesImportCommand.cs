using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Images;

public sealed class ImagesImportCommand : PaasCommand
{
    /// <summary>The archive is as large as the image; paasd also unpacks and checks every layer before it answers.</summary>
    public static readonly TimeSpan ImportTimeout = TimeSpan.FromMinutes(30);

    public const string TerminalRefused =
        "refusing to read an image archive from a terminal: give FILE, or redirect standard input (paas images:import - < image.tar)";

    private readonly Argument<string> _file = new("FILE") { Description = "An OCI archive, as images:export writes; - reads standard input" };

    private readonly Option<string> _reference = new("--reference")
    {
        Description = "The reference to store the image under (default: the one the archive names)",
        HelpName = "REF",
    };

    public ImagesImportCommand(CliContext cli) : base(cli, "images:import", "Import an image from an OCI archive")
    {
        Arguments.Add(_file);
        Options.Add(_reference);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var file = parse.GetRequiredValue(_file);
        var path = ApiRoutes.ImageImport(parse.GetValue(_reference));
        ImageView image;
        if (file == OciArchive.StandardStream)
        {
            if (Cli.Console.InputIsTerminal) throw new CliException(TerminalRefused);
            image = await Api.UploadAsync<ImageView>(path, Cli.Console.BinaryIn, OciArchive.MediaType, ImportTimeout, ct);
        }
        else
        {
            Cli.RequireLocalFiles(file);
            await using var archive = Open(file);
            image = await Api.UploadAsync<ImageView>(path, archive, OciArchive.MediaType, ImportTimeout, ct);
        }
        Out.Step($"Imported {image.Reference} ({image.ManifestDigest})");
    }

    private static FileStream Open(string file)
    {
        try
        {
            return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {file}: {e.Message}");
        }
    }
}
