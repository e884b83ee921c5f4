using System.CommandLine;
using System.Globalization;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Storage;

/// <summary>Dokku's storage:ensure-directory, for an app's volume: made now, so data can be copied in before the app starts with it.</summary>
public sealed class StorageEnsureDirectoryCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string> _name = new("NAME") { Description = "The volume's name, as in storage:mount APP NAME:/container/path" };

    public StorageEnsureDirectoryCommand(CliContext cli) : base(cli, "storage:ensure-directory", "Create an app volume's host directory now, owned by the app's user")
    {
        Arguments.Add(_app);
        Arguments.Add(_name);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var name = parse.GetRequiredValue(_name);
        var dir = await Api.PostAsync<EnsureStorageDirectoryRequest, StorageDirectoryView>(ApiRoutes.StorageDirectories(app), new EnsureStorageDirectoryRequest(name), ct);
        var owner = string.Create(CultureInfo.InvariantCulture, $"{dir.HostUid}:{dir.HostGid}");
        Out.Step($"Ensured {dir.HostPath} for volume {name} of {app}");
        Out.Detail($"Files copied in must belong to {owner} on this host (the app's user inside its containers): chown -R {owner} {dir.HostPath}");
    }
}
