using Paas.Cli.Console;
using Paas.Cli.Http;

namespace Paas.Cli;

/// <summary>What every command shares for one run: the console and, created on first use, the API client.</summary>
public sealed class CliContext(CliConsole console, Func<string, string?> environment, PaasEndpoint? sshEndpoint = null) : IDisposable
{
    private PaasApi? _api;

    public CliConsole Console => console;

    /// <summary>
    /// True when the command runs for an SSH login (<c>ssh paas@HOST COMMAND</c>) as the paas system user on the
    /// host: it must then read and write no files of the host, only standard input and output.
    /// </summary>
    public bool OverSsh => sshEndpoint is not null;

    /// <summary>Over SSH a file name would name a file of the host, read or written as the paas user: refused.</summary>
    public void RequireLocalFiles(string file)
    {
        if (OverSsh)
            throw CliException.Usage($"over SSH, '{file}' would be a file on the paas host: use - to read standard input or write standard output");
    }

    /// <summary>Created lazily so that usage errors and --help never depend on the environment.</summary>
    public PaasApi Api => _api ??= new PaasApi(sshEndpoint ?? PaasEndpoint.FromEnvironment(environment));

    /// <summary>An environment variable of this run (the git hook's PAAS_PUSH_TOKEN, GIT_QUARANTINE_PATH).</summary>
    public string? Environment(string name) => environment(name);

    public void Dispose() => _api?.Dispose();
}
