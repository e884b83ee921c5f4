using System.CommandLine;
using System.Globalization;
using Paas.Cli.Console;
using Paas.Core.Contracts;
using Paas.Core.Limits;

namespace Paas.Cli.Commands.Resource;

public sealed class ResourceLimitCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _memory = new("--memory") { Description = "Memory limit, for example 512m or 1g", HelpName = "SIZE" };
    private readonly Option<string> _cpu = new("--cpu") { Description = "CPU limit as a count, for example 0.5 or 2", HelpName = "CPUS" };
    private readonly Option<string> _pids = new("--pids") { Description = "Most processes a container may run", HelpName = "N" };
    private readonly Option<string> _processType = new("--process-type")
    {
        Description = "Limit only this process type (default: the whole app)",
        HelpName = "TYPE",
    };

    public ResourceLimitCommand(CliContext cli)
        : base(cli, "resource:limit", "Set an app's cgroup limits (no limit options: show them)")
    {
        Arguments.Add(_app);
        Options.Add(_memory);
        Options.Add(_cpu);
        Options.Add(_pids);
        Options.Add(_processType);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        // Values go to paasd as typed: it parses them, so every front end gets the same messages.
        var request = new SetLimitsRequest(
            parse.GetValue(_processType), parse.GetValue(_memory), parse.GetValue(_cpu), parse.GetValue(_pids));
        LimitsView[] limits;
        if (request is { Memory: null, Cpu: null, Pids: null })
        {
            limits = await Api.GetAsync<LimitsView[]>(ApiRoutes.Limits(app), ct);
        }
        else
        {
            limits = await Api.PutAsync<SetLimitsRequest, LimitsView[]>(ApiRoutes.Limits(app), request, ct);
            Out.Step($"Set resource limits of {app}{(request.ProcessType is { } type ? $" ({type})" : "")}");
        }
        Print(app, limits);
    }

    private void Print(string app, IReadOnlyList<LimitsView> limits)
    {
        Out.Header($"{app} resource limits");
        if (limits.Count == 0)
        {
            Out.Detail("none set: containers get the defaults 512m, 1 cpu, 512 pids");
            return;
        }
        var rows = new List<IReadOnlyList<string>> { new[] { "process type", "memory", "cpu", "pids" } };
        rows.AddRange(limits.Select(l => (IReadOnlyList<string>)
        [
            l.ProcessType ?? "(app)",
            l.MemoryBytes is { } memory ? ResourceLimitParser.FormatMemory(memory) : "-",
            l.Cpus is { } cpus ? Display.Cpus(cpus) : "-",
            l.Pids?.ToString(CultureInfo.InvariantCulture) ?? "-",
        ]));
        Out.Table(rows);
        Out.Detail("(- inherits: a process type from the app, the app from the defaults 512m, 1 cpu, 512 pids)");
    }
}
