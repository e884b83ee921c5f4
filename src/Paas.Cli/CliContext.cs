using Paas.Cli.Console;
using Paas.Cli.Http;

namespace Paas.Cli;

/// <summary>What every command shares for one run: the console and, created on first use, the API client.</summary>
public sealed class CliContext(CliConsole console, Func<string, string?> environment) : IDisposable
{
    private PaasApi? _api;

    public CliConsole Console => console;

    /// <summary>Created lazily so that usage errors and --help never depend on the environment.</summary>
    public PaasApi Api => _api ??= new PaasApi(PaasEndpoint.FromEnvironment(environment));

    /// <summary>An environment variable of this run (the git hook's PAAS_PUSH_TOKEN, GIT_QUARANTINE_PATH).</summary>
    public string? Environment(string name) => environment(name);

    public void Dispose() => _api?.Dispose();
}
