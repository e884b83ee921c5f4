using System.CommandLine;
using Paas.Cli.Http;
using Paas.Core.Containers;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Logs;

public sealed class LogsCommand : PaasCommand
{
    public const int DefaultLines = 100;

    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<bool> _tail = new("--tail", "-t") { Description = "Keep printing new lines as they are written, until Ctrl-C" };
    private readonly Option<int> _num = new("--num", "-n")
    {
        Description = "How many of the last lines to print first",
        HelpName = "N",
        DefaultValueFactory = _ => DefaultLines,
    };
    private readonly Option<string> _ps = new("--ps", "-p") { Description = "Only lines of this process type (web, worker, ...)", HelpName = "TYPE" };

    public LogsCommand(CliContext cli) : base(cli, "logs", "Show an app's logs, from every container it ran, oldest first")
    {
        Arguments.Add(_app);
        Options.Add(_tail);
        Options.Add(_num);
        Options.Add(_ps);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var lines = parse.GetValue(_num);
        if (lines < 1) throw CliException.Usage($"-n {lines} is not a positive count of lines");
        var follow = parse.GetValue(_tail);
        var path = ApiRoutes.Logs(app, lines, parse.GetValue(_ps), follow);
        try
        {
            await Api.StreamLinesAsync(path, follow ? Timeout.InfiniteTimeSpan : PaasApi.DefaultTimeout, line => PrintAsync(line, follow), ct);
        }
        catch (OperationCanceledException) when (follow && ct.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM is how `logs -t` ends: a success, as with `tail -f`.
        }
        catch (ReaderGoneException)
        {
            // `paas logs -t | grep -m 1 ready` has what it wanted: stop following, quietly.
        }
    }

    private async Task PrintAsync(string json, bool follow)
    {
        if (json.Length == 0) return;
        var line = PaasApi.Read<LogLine>(json);
        try
        {
            await Out.WriteAsync(HerokuLogFormat.Format(line) + "\n");
            // Followed lines are shown as they come; the history is written in one go at the end.
            if (follow) await Out.FlushAsync();
        }
        catch (IOException e)
        {
            throw new CliException($"cannot write standard output: {e.Message}");
        }
        if (Cli.Console.OutputReaderGone()) throw new ReaderGoneException();
    }

    /// <summary>Not an IOException, so the API client does not take it for a network failure.</summary>
    private sealed class ReaderGoneException : Exception;
}
