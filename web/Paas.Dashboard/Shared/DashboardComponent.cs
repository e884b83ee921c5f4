using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using MudBlazor;
using Paas.Core.Auth;
using Paas.Core.Errors;
using Paas.Dashboard.Auth;

namespace Paas.Dashboard.Shared;

/// <summary>
/// What every page does the same way: acts as the circuit's <see cref="Actor"/>, and turns the Engine's
/// refusals (<see cref="PaasException"/>) into a readable message instead of a broken circuit.
/// </summary>
public abstract partial class DashboardComponent : ComponentBase
{
    [Inject] protected CurrentActor CurrentActor { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected ILoggerFactory Loggers { get; set; } = default!;

    /// <summary>Set when the page's data could not be read; shown inline in place of the data.</summary>
    protected string? LoadError { get; set; }

    protected bool Busy { get; private set; }

    /// <summary>Runs an action; on success shows <paramref name="done"/>, on refusal the Engine's message. False when it failed.</summary>
    protected async Task<bool> ActAsync(Func<Actor, Task> action, string? done = null)
    {
        Busy = true;
        try
        {
            await action(await CurrentActor.GetAsync());
            if (done is not null) Snackbar.Add(done, Severity.Success);
            return true;
        }
        catch (Exception e)
        {
            Snackbar.Add(Describe(e), Severity.Error);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Reads the page's data; a refusal becomes <see cref="LoadError"/>. Returns default when it failed.</summary>
    protected async Task<T?> LoadAsync<T>(Func<Actor, Task<T>> read)
    {
        try
        {
            var result = await read(await CurrentActor.GetAsync());
            LoadError = null;
            return result;
        }
        catch (Exception e)
        {
            LoadError = Describe(e);
            return default;
        }
    }

    /// <summary>The Engine's own words for what it refused; anything else is logged and summarised.</summary>
    protected string Describe(Exception e)
    {
        if (e is PaasException) return e.Message;
        if (e is OperationCanceledException) return "The operation was cancelled.";
        LogUnexpected(Loggers.CreateLogger(GetType()), e);
        return $"Something went wrong: {e.Message} (paasd's log has the details)";
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "A dashboard action failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
