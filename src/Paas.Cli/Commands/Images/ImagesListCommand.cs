using System.CommandLine;
using System.Globalization;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Images;

public sealed class ImagesListCommand : PaasCommand
{
    private readonly Option<string> _format = CommonSymbols.Format();

    public ImagesListCommand(CliContext cli) : base(cli, "images:list", "List the images paasd holds (stacks and builds)")
    {
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var json = await Api.GetJsonAsync(ApiRoutes.Images, ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var images = PaasApi.Read<ImageView[]>(json);
        Out.Header("Images");
        if (images.Length == 0)
        {
            Out.Detail("none");
            return;
        }
        var rows = new List<IReadOnlyList<string>> { new[] { "reference", "manifest", "layers" } };
        rows.AddRange(images.Select(i => (IReadOnlyList<string>)
            [i.Reference, ShortDigest(i.ManifestDigest), i.LayerDigests.Count.ToString(CultureInfo.InvariantCulture)]));
        Out.Table(rows);
    }

    /// <summary>sha256: and 12 hex digits, as Docker and Podman show image ids; --format json has the whole digest.</summary>
    private static string ShortDigest(string digest)
    {
        const string algorithm = "sha256:";
        return digest.StartsWith(algorithm, StringComparison.Ordinal) && digest.Length > algorithm.Length + 12
            ? digest[..(algorithm.Length + 12)]
            : digest;
    }
}
