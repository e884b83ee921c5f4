using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Storage;

public sealed class StorageMountCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string> _mount = new("MOUNT")
    {
        Description = "The app's volume and where containers see it, as NAME:/container/path (':ro' at the end for read-only), for example uploads:/app/uploads",
    };

    public StorageMountCommand(CliContext cli) : base(cli, "storage:mount", "Mount one of the app's persistent volumes into its containers")
    {
        Arguments.Add(_app);
        Arguments.Add(_mount);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var mount = parse.GetRequiredValue(_mount);
        var all = await Api.PostAsync<StorageRequest, StorageMountView[]>(ApiRoutes.Storage(app), new StorageRequest(mount), ct);
        Out.Step($"Mounted {mount} on {app}");
        Out.Detail(StorageListCommand.ApplyHint(app));
        StorageListCommand.Print(Out, app, all);
    }
}
