using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Storage;

public sealed class StorageListCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();

    public StorageListCommand(CliContext cli) : base(cli, "storage:list", "List an app's persistent volume mounts")
    {
        Arguments.Add(_app);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var json = await Api.GetJsonAsync(ApiRoutes.Storage(app), ct);
        if (parse.IsJson(_format))
            Out.Json(json);
        else
            Print(Out, app, PaasApi.Read<StorageMountView[]>(json));
    }

    /// <summary>Mounts change what containers get when they start, as in Dokku: running ones keep what they had.</summary>
    public static string ApplyHint(string app) =>
        $"The change applies to containers started from now on: run `paas ps:restart {app}` (or deploy) to apply it";

    public static void Print(TextWriter output, string app, IReadOnlyList<StorageMountView> mounts)
    {
        output.Header($"{app} volume bind-mounts");
        if (mounts.Count == 0)
        {
            output.Detail($"none: add one with `paas storage:mount {app} NAME:/container/path`");
            return;
        }
        var rows = new List<IReadOnlyList<string>> { new[] { "volume", "container path", "mode", "host path" } };
        rows.AddRange(mounts.Select(m => (IReadOnlyList<string>)[m.Name, m.ContainerPath, m.ReadOnly ? "ro" : "rw", m.HostPath]));
        output.Table(rows);
    }
}
