using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;

namespace Paas.Cli.Commands;

/// <summary>
/// A <c>noun:verb</c> command: subclasses declare their arguments, call the API and print.
/// Expected failures become one error line and an exit code here, in one place.
/// </summary>
public abstract class PaasCommand : Command
{
    protected PaasCommand(CliContext cli, string name, string description) : base(name, description)
    {
        Cli = cli;
        SetAction(RunAsync);
    }

    protected CliContext Cli { get; }

    protected TextWriter Out => Cli.Console.Out;

    protected TextWriter Error => Cli.Console.Error;

    protected PaasApi Api => Cli.Api;

    protected abstract Task ExecuteAsync(ParseResult parse, CancellationToken ct);

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        try
        {
            await ExecuteAsync(parse, ct);
            return ExitCodes.Ok;
        }
        catch (CliException e)
        {
            if (e.Message.Length > 0) Error.ErrorLine(e.Message);
            if (e.ExitCode == ExitCodes.Usage) Error.ErrorLine($"See `paas {Name} --help`.");
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Error.ErrorLine("interrupted");
            return ExitCodes.Interrupted;
        }
        finally
        {
            await Out.FlushAsync(CancellationToken.None);
        }
    }
}
