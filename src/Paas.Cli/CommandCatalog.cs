using System.CommandLine;
using System.CommandLine.Help;
using Paas.Cli.Commands.Apps;
using Paas.Cli.Commands.Builds;
using Paas.Cli.Commands.Certs;
using Paas.Cli.Commands.Checks;
using Paas.Cli.Commands.Config;
using Paas.Cli.Commands.Cron;
using Paas.Cli.Commands.Domains;
using Paas.Cli.Commands.Events;
using Paas.Cli.Commands.Git;
using Paas.Cli.Commands.Images;
using Paas.Cli.Commands.Logs;
using Paas.Cli.Commands.Metrics;
using Paas.Cli.Commands.Ports;
using Paas.Cli.Commands.Ps;
using Paas.Cli.Commands.Releases;
using Paas.Cli.Commands.Run;
using Paas.Cli.Commands.Resource;
using Paas.Cli.Commands.Ssh;
using Paas.Cli.Commands.SshKeys;
using Paas.Cli.Commands.Stacks;
using Paas.Cli.Commands.Storage;
using Paas.Cli.Commands.Tokens;
using Paas.Cli.Commands.Users;

namespace Paas.Cli;

/// <summary>Every command, in the order <c>paas --help</c> lists them.</summary>
public static class CommandCatalog
{
    public const string ExecutableName = "paas";

    public static Command CreateRoot(CliContext cli)
    {
        // A plain command rather than RootCommand, whose name is the running executable's
        // (testhost when the CLI runs in-process); help must say `paas` either way.
        var root = new Command(ExecutableName,
            "paas: manage apps on a Paas host (Dokku-style noun:verb commands).\n"
            + "Talks to paasd on the unix socket PAAS_SOCKET (default /run/paas/paasd.sock),\n"
            + "or to PAAS_URL with the API token PAAS_TOKEN (an https:// paasd whose certificate\n"
            + "a private CA signed: PAAS_CA_CERT=/path/ca.pem).");
        Command[] commands =
        [
            new AppsCreateCommand(cli),
            new AppsListCommand(cli),
            new AppsInfoCommand(cli),
            new AppsReportCommand(cli),
            new AppsRenameCommand(cli),
            new AppsDestroyCommand(cli),
            new AppsLockCommand(cli),
            new AppsUnlockCommand(cli),
            new AppsGrantCommand(cli),
            new AppsRevokeCommand(cli),
            new AppsGrantsCommand(cli),
            new ConfigShowCommand(cli),
            new ConfigGetCommand(cli),
            new ConfigSetCommand(cli),
            new ConfigUnsetCommand(cli),
            new ConfigKeysCommand(cli),
            new DomainsAddCommand(cli),
            new DomainsRemoveCommand(cli),
            new DomainsListCommand(cli),
            new PortsAddCommand(cli),
            new PortsRemoveCommand(cli),
            new PortsListCommand(cli),
            new StorageMountCommand(cli),
            new StorageUnmountCommand(cli),
            new StorageListCommand(cli),
            new StorageReportCommand(cli),
            new StorageEnsureDirectoryCommand(cli),
            new PsScaleCommand(cli),
            new ResourceLimitCommand(cli),
            new PsRebuildCommand(cli),
            new PsReportCommand(cli),
            new PsRestartCommand(cli),
            new PsStopCommand(cli),
            new PsStartCommand(cli),
            new PsSetCommand(cli),
            new ReleasesCommand(cli),
            new ReleasesRollbackCommand(cli),
            new RunCommand(cli),
            new EnterCommand(cli),
            new CronListCommand(cli),
            new CronRunCommand(cli),
            new CertsAddCommand(cli),
            new CertsRemoveCommand(cli),
            new CertsReportCommand(cli),
            new BuildsCommand(cli),
            new BuildsOutputCommand(cli),
            new BuildsCancelCommand(cli),
            new BuildsReportCommand(cli),
            new BuildsSetCommand(cli),
            new RepoPurgeCacheCommand(cli),
            new ChecksReportCommand(cli),
            new ChecksSetCommand(cli),
            new ChecksDisableCommand(cli),
            new ChecksEnableCommand(cli),
            new ChecksSkipCommand(cli),
            new ChecksRunCommand(cli),
            new LogsCommand(cli),
            new MetricsCommand(cli),
            new UsersAddCommand(cli),
            new UsersListCommand(cli),
            new UsersRemoveCommand(cli),
            new UsersPasswdCommand(cli),
            new TokensCreateCommand(cli),
            new TokensListCommand(cli),
            new TokensRevokeCommand(cli),
            new SshKeysAddCommand(cli),
            new SshKeysListCommand(cli),
            new SshKeysRemoveCommand(cli),
            new StacksCreateCommand(cli),
            new StacksListCommand(cli),
            new StacksDefaultCommand(cli),
            new StacksDeleteCommand(cli),
            new ImagesListCommand(cli),
            new ImagesExportCommand(cli),
            new ImagesImportCommand(cli),
            new ImagesDeleteCommand(cli),
            new EventsCommand(cli),
            new GitReportCommand(cli),
            new GitSetCommand(cli),
            new HookCommand(cli),
            new SshCommand(cli),
        ];
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        foreach (var command in commands)
            root.Subcommands.Add(command);
        // `paas` alone lists the commands, as `paas --help` does.
        root.SetAction(parse => new HelpAction().Invoke(parse));
        return root;
    }
}
