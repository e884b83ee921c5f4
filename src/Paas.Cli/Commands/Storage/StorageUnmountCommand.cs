using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Storage;

public sealed class StorageUnmountCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string> _mount = new("MOUNT") { Description = "The mount to remove, as NAME:/container/path (its data stays)" };

    public StorageUnmountCommand(CliContext cli) : base(cli, "storage:unmount", "Unmount a persistent volume from the app's containers (the data stays)")
    {
        Arguments.Add(_app);
        Arguments.Add(_mount);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var mount = parse.GetRequiredValue(_mount);
        await Api.DeleteAsync(ApiRoutes.StorageMount(app, mount), ct);
        Out.Step($"Unmounted {mount} from {app}; its data stays");
        Out.Detail(StorageListCommand.ApplyHint(app));
    }
}
