using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Images;

public sealed class ImagesExportCommand : PaasCommand
{
    public const string TerminalRefused =
        "refusing to write an image archive (binary) to a terminal: use -o FILE, or redirect standard output (paas images:export REF > image.tar)";

    private readonly Argument<string> _reference = new("REFERENCE") { Description = "The image's reference, as `paas images:list` shows it" };

    private readonly Option<string> _output = new("--output", "-o")
    {
        Description = "Write the archive to FILE (replaced when it exists); - or no -o writes to standard output",
        HelpName = "FILE",
    };

    public ImagesExportCommand(CliContext cli)
        : base(cli, "images:export", "Export an image as an OCI archive (a tar that podman load, skopeo and containerd read)")
    {
        Arguments.Add(_reference);
        Options.Add(_output);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var reference = parse.GetRequiredValue(_reference);
        var output = parse.GetValue(_output);
        var path = ApiRoutes.ImageExport(reference);
        if (output is null or OciArchive.StandardStream)
        {
            if (Cli.Console.OutputIsTerminal) throw new CliException(TerminalRefused);
            await Out.FlushAsync(ct);
            await Api.DownloadAsync(path, () => Cli.Console.BinaryOut, "standard output", ct);
            if (Cli.Console.OutputReaderGone())
                throw new CliException("standard output was closed before the whole archive was written");
            return;
        }
        Cli.RequireLocalFiles(output);
        await ExportToFileAsync(path, Path.GetFullPath(output), ct);
        Out.Step($"Exported {reference} to {output}");
    }

    /// <summary>Written beside the target and renamed into place, so a failed download leaves no file and never half a file.</summary>
    private async Task ExportToFileAsync(string path, string file, CancellationToken ct)
    {
        var partial = file + ".partial";
        FileStream? stream = null;
        try
        {
            await Api.DownloadAsync(path, () => stream = new FileStream(partial, FileMode.Create, FileAccess.Write), file, ct);
            await stream!.DisposeAsync();
            stream = null;
            File.Move(partial, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write {file}: {e.Message}");
        }
        finally
        {
            if (stream is not null) await stream.DisposeAsync();
            if (File.Exists(partial)) File.Delete(partial);
        }
    }
}
