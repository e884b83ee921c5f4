namespace Paas.Core.Contracts;

/// <summary>The REST paths, shared by paasd and the CLI so the two cannot drift apart.</summary>
public static class ApiRoutes
{
    public const string Prefix = "/api/v1";
    public const string Health = Prefix + "/health";
    public const string Apps = Prefix + "/apps";
    public const string Tokens = Prefix + "/tokens";
    public const string Events = Prefix + "/events";
    public const string Stacks = Prefix + "/stacks";
    public const string DefaultStack = Stacks + "/default";
    public const string Images = Prefix + "/images";
    /// <summary>Called by the pre-receive hook (`paas hook pre-receive`), on the unix socket only.</summary>
    public const string PreReceive = Prefix + "/internal/pre-receive";
    /// <summary>git's smart HTTP: /git/APP.git/info/refs, /git/APP.git/git-receive-pack, /git/APP.git/git-upload-pack.</summary>
    public const string GitHttp = "/git";
    public const string SshKeys = Prefix + "/ssh-keys";
    public const string Users = Prefix + "/users";

    /// <summary>Served on the unix socket only: every endpoint paasd maps, for the anonymous-access test.</summary>
    public const string InternalEndpoints = Prefix + "/internal/endpoints";

    /// <summary>Cookie login for the dashboard (and scripts): POST login/logout, GET me.</summary>
    public const string Login = "/auth/login";
    public const string Logout = "/auth/logout";
    public const string Me = "/auth/me";

    /// <summary>The dashboard's login page, where anonymous page requests are sent.</summary>
    public const string LoginPage = "/login";

    public static string User(string name) => $"{Users}/{Uri.EscapeDataString(name)}";
    public static string UserPassword(string name) => User(name) + "/password";
    public static string Grants(string app) => App(app) + "/grants";
    public static string Grant(string app, string user) => Grants(app) + "/" + Uri.EscapeDataString(user);

    /// <summary>Served on the unix socket only, for `paas ssh-command`: the key the request comes with.</summary>
    public const string SshSessionKey = Prefix + "/internal/ssh-key";

    /// <summary>The route of <see cref="SshGit"/>; app and service travel in the query.</summary>
    public const string SshGitPath = Prefix + "/internal/ssh-git";

    /// <summary>Served on the unix socket only: upgraded to <see cref="Ssh.SshGitWire.UpgradeProtocol"/> for one git exchange.</summary>
    public static string SshGit(string app, Core.Git.GitService service) =>
        $"{SshGitPath}?app={Uri.EscapeDataString(app)}&service={(service == Core.Git.GitService.ReceivePack ? "receive-pack" : "upload-pack")}";

    public static string SshKey(string name) => $"{SshKeys}/{Uri.EscapeDataString(name)}";

    /// <summary>Image references hold '/' and ':', so they travel as a query parameter.</summary>
    public static string ImageExport(string reference) => $"{Images}/export?reference={Uri.EscapeDataString(reference)}";
    public static string ImageImport(string? reference) =>
        reference is null ? $"{Images}/import" : $"{Images}/import?reference={Uri.EscapeDataString(reference)}";
    /// <summary>One image, its reference's '/' kept as path separators (the route takes the rest of the path).</summary>
    public static string Image(string reference) => $"{Images}/{string.Join('/', reference.Split('/').Select(Uri.EscapeDataString))}";
    public static string Stack(string name) => $"{Stacks}/{Uri.EscapeDataString(name)}";

    public static string App(string app) => $"{Apps}/{Uri.EscapeDataString(app)}";
    public static string Rename(string app) => App(app) + "/rename";
    public static string Lock(string app) => App(app) + "/lock";
    public static string Unlock(string app) => App(app) + "/unlock";
    public static string Config(string app) => App(app) + "/config";
    public static string ConfigKey(string app, string key) => Config(app) + "/" + Uri.EscapeDataString(key);
    public static string Domains(string app) => App(app) + "/domains";
    public static string Domain(string app, string domain) => Domains(app) + "/" + Uri.EscapeDataString(domain);
    public static string Ports(string app) => App(app) + "/ports";
    public static string Port(string app, string mapping) => Ports(app) + "/" + Uri.EscapeDataString(mapping);
    public static string Storage(string app) => App(app) + "/storage";
    public static string StorageDirectories(string app) => Storage(app) + "/directories";
    public static string StorageMount(string app, string mount) => Storage(app) + "?mount=" + Uri.EscapeDataString(mount);
    public static string Formation(string app) => App(app) + "/formation";
    public static string Limits(string app) => App(app) + "/limits";
    public static string Releases(string app) => App(app) + "/releases";
    public static string Rollback(string app) => Releases(app) + "/rollback";
    public static string Certificate(string app) => App(app) + "/certs";
    /// <summary>NDJSON HookMessages: the one-off's output lines (with their stream), then its exit code.</summary>
    public static string Run(string app) => App(app) + "/run";
    public static string Cron(string app) => App(app) + "/cron";
    public static string CronRun(string app, string id) => Cron(app) + "/" + Uri.EscapeDataString(id) + "/run";
    public static string Enter(string app) => App(app) + "/enter";
    /// <summary>WebSocket: run with stdin and optionally a terminal (<see cref="SessionWire"/>; parameters in the query, <see cref="SessionQuery"/>).</summary>
    public static string RunSocket(string app) => Run(app) + "/ws";
    /// <summary>WebSocket: enter with stdin and optionally a terminal (<see cref="SessionWire"/>).</summary>
    public static string EnterSocket(string app) => Enter(app) + "/ws";
    public static string Processes(string app) => App(app) + "/ps";
    public static string ProcessesRestart(string app) => Processes(app) + "/restart";
    public static string ProcessesStop(string app) => Processes(app) + "/stop";
    public static string ProcessesStart(string app) => Processes(app) + "/start";
    public static string ProcessSetting(string app, string key) => Processes(app) + "/settings/" + Uri.EscapeDataString(key);
    /// <summary>NDJSON of log lines: the last <paramref name="lines"/>, then live ones when <paramref name="follow"/>.</summary>
    public static string Logs(string app, int lines, string? processType, bool follow) =>
        App(app) + $"/logs?lines={lines}&follow={(follow ? "true" : "false")}" +
        (processType is null ? "" : "&process=" + Uri.EscapeDataString(processType));

    public static string Builds(string app, int limit) => App(app) + $"/builds?limit={limit}";
    public static string Build(string app, long id) => App(app) + $"/builds/{id}";
    /// <summary>text/plain: the stored log, then (with follow) each new line until the build ends.</summary>
    public static string BuildOutput(string app, long id, bool follow) => Build(app, id) + $"/output?follow={(follow ? "true" : "false")}";
    public static string BuildsCancel(string app) => App(app) + "/builds/cancel";
    public static string BuildSettings(string app) => App(app) + "/builds/settings";
    public const string GlobalBuildSettings = Prefix + "/builds/settings";
    /// <summary>NDJSON <see cref="HookMessage"/>s of the rebuild as it happens, as for a push.</summary>
    public static string Rebuild(string app) => App(app) + "/rebuild";
    public static string BuildCache(string app) => App(app) + "/build-cache";
    /// <summary>GET: checks:report.</summary>
    public static string Checks(string app) => App(app) + "/checks";
    public static string CheckSettings(string app) => Checks(app) + "/settings";
    public const string GlobalCheckSettings = Prefix + "/checks/settings";
    public static string ChecksDisable(string app) => Checks(app) + "/disable";
    public static string ChecksEnable(string app) => Checks(app) + "/enable";
    public static string ChecksSkip(string app) => Checks(app) + "/skip";
    /// <summary>NDJSON HookMessages of checks:run, then its exit code (0 when every check passed).</summary>
    public static string ChecksRun(string app) => Checks(app) + "/run";
    public static string Git(string app) => App(app) + "/git";
    public static string GitSetting(string app, string key) => Git(app) + "/settings/" + Uri.EscapeDataString(key);
    public static string GitRepo(string app) => $"{GitHttp}/{Uri.EscapeDataString(app)}.git";

    /// <summary>An app's chart series over "1h" or "24h".</summary>
    public static string Metrics(string app, string range) => App(app) + "/metrics?range=" + Uri.EscapeDataString(range);

    /// <summary>Prometheus' text exposition of every container's counters (administrators only).</summary>
    public const string PrometheusMetrics = "/metrics";

    public static string Token(string name) => $"{Tokens}/{Uri.EscapeDataString(name)}";
}
